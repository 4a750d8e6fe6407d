package dev.execray.exec.kernel;

import dev.execray.place.BinfmtEntry;
import dev.execray.place.BinfmtRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
