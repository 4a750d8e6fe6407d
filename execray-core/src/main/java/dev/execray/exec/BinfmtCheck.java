package dev.execray.exec;

import dev.execray.exec.kernel.BinfmtMatcher;
import dev.execray.place.Os;
import dev.execray.place.Target;
import dev.execray.rootfs.Resolution;
import dev.execray.rootfs.RootFsException;
import java.util.List;
import java.util.Optional;

/**
 * {@code binfmt match}: the binfmt_misc entry the target's kernel would choose for a file, found from the
 * target's default working directory, and on a Linux target the whole exec it starts.
 */
public sealed interface BinfmtCheck {
    /** The file is not there (or cannot be reached) from the working directory. */
    record NotFound(Resolution.Failed failure) implements BinfmtCheck {
    }

    /** The file was found but its first bytes cannot be read. */
    record Unreadable(RootFsException error) implements BinfmtCheck {
    }

    /** The entry chosen (or none), and the simulated exec when the target is Linux. */
    record Matched(BinfmtMatcher.Match match, Optional<ExecResult> exec) implements BinfmtCheck {
        /** What the output says: whether the file would run when it was followed, else whether an entry matched. */
        public boolean runs() {
            return exec.map(ExecResult::runs).orElse(match.entry().isPresent());
        }
    }

    static BinfmtCheck of(Target t, String file) {
        // the file is looked up in the root, a POSIX tree, whatever the target's own path syntax (Windows' is "\")
        String cwd = t.os() == Os.WINDOWS ? "/" : t.defaultWorkingDirectory();
        Resolution r = BinfmtMatcher.resolve(t, file, cwd);
        if (r instanceof Resolution.Failed f) {
            return new NotFound(f);
        }
        BinfmtMatcher.Match m;
        try {
            m = BinfmtMatcher.forFile(t, file, (Resolution.Found) r);
        } catch (RootFsException e) {
            return new Unreadable(e);
        }
        Optional<ExecResult> exec = t.os() == Os.LINUX
                ? Optional.of(new ExecSimulator(t).explain(new ExecRequest(file, List.of(file), cwd)))
                : Optional.empty();
        return new Matched(m, exec);
    }
}
