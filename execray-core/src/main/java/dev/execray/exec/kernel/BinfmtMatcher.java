package dev.execray.exec.kernel;

import dev.execray.place.BinfmtEntry;
import dev.execray.place.BinfmtRegistry;
import dev.execray.place.ExecBuffer;
import dev.execray.place.Target;
import dev.execray.rootfs.ResolveOptions;
import dev.execray.rootfs.Resolution;
import dev.execray.rootfs.RootFsException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * search_binfmt_handler(): the first enabled entry, in registry order, whose extension equals the
 * text after the last '.' of the path as passed to execve (bprm->interp — the whole string, so a dot
 * in a directory name counts), or whose magic equals the masked bytes at its offset in the exec
 * buffer. The first match is final: there is no fallback if its interpreter then fails.
 */
public final class BinfmtMatcher {
    private BinfmtMatcher() {
    }

    /** The entry chosen, and for entries passed over that a reader might have expected, why. */
    public record Match(Optional<BinfmtEntry> entry, List<String> passedOver) {
    }

    /**
     * The entry the target's kernel would choose for {@code file} (resolved from {@code cwd} in the target's
     * root): the exec buffer is the file's first bytes, as many as the target kernel reads. Empty when the
     * file cannot be found ({@link Resolution.Failed}) or read.
     *
     * @throws RootFsException when the file was found but its first bytes cannot be read
     */
    public static Match forFile(Target t, String file, Resolution.Found found) throws RootFsException {
        int size = ExecBuffer.size(t.kernel());
        byte[] buf = Arrays.copyOf(t.root().readHead(found.canonical(), size), size);
        return t.binfmt().enabled() ? find(t.binfmt(), buf, file)
                : new Match(Optional.empty(), List.of("the registry is disabled"));
    }

    /** Resolves {@code file} as execve would look it up from {@code cwd}, following symbolic links. */
    public static Resolution resolve(Target t, String file, String cwd) {
        return t.root().resolve(file, new ResolveOptions(cwd, t.credentials(), true));
    }

    public static Match find(BinfmtRegistry registry, byte[] buf, String interp) {
        byte[] path = interp.getBytes(StandardCharsets.UTF_8);
        int dot = -1;
        for (int i = 0; i < path.length; i++) {
            if (path[i] == '.') {
                dot = i;
            }
        }
        List<String> passed = new ArrayList<>();
        for (BinfmtEntry e : registry.entries()) {
            boolean matches = matches(e, buf, path, dot);
            if (!e.enabled()) {
                if (matches) {
                    passed.add(e.name() + " would match but is disabled");
                }
                continue;
            }
            if (matches) {
                return new Match(Optional.of(e), passed);
            }
        }
        return new Match(Optional.empty(), passed);
    }

    static boolean matches(BinfmtEntry e, byte[] buf, byte[] path, int dot) {
        if (e.kind() == BinfmtEntry.Kind.EXTENSION) {
            if (dot < 0) {
                return false;
            }
            // strcmp: the extension equals the C string after the dot (which ends at the end of the path)
            int n = path.length - dot - 1;
            if (n != e.magic().length()) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if ((path[dot + 1 + i] & 0xff) != e.magic().at(i)) {
                    return false;
                }
            }
            return true;
        }
        for (int j = 0; j < e.magic().length(); j++) {
            int at = e.offset() + j;
            int b = at < buf.length ? buf[at] & 0xff : 0;
            int diff = b ^ e.magic().at(j);
            if (e.mask().isPresent()) {
                diff &= e.mask().get().at(j);
            }
            if (diff != 0) {
                return false;
            }
        }
        return true;
    }
}
