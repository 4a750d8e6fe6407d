package dev.execray.exec;

import dev.execray.exec.lookup.PathLookup;
import dev.execray.exec.verdict.Cause;
import dev.execray.exec.verdict.Verdict;
import dev.execray.place.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code explain}: a command as typed walked through a target's exec path. */
public final class Explain {
    private Explain() {
    }

    /**
     * {@code argv[0]} as typed: with a '/', the file itself; without, the file execvp() finds in {@code path}, the
     * search being the first steps. The working directory and PATH default to the target's
     * ({@link Target#defaultWorkingDirectory()}, {@link Target#defaultSearchPath()}).
     */
    public static ExecResult typed(Target target, List<String> argv, Optional<String> cwd, Optional<String> path) {
        String file = argv.get(0);
        String dir = target.workingDirectory(cwd);
        ExecSimulator sim = new ExecSimulator(target);
        if (file.contains("/")) {
            return sim.explain(new ExecRequest(file, argv, dir));
        }
        return PathLookup.explainCommand(sim, file, argv, dir, Optional.of(target.searchPath(path)));
    }

    /**
     * Whether a path not found inside another root names a file of this machine: a path given with --root is a path
     * inside the root, like chroot's, and the user often means a host file.
     */
    public static boolean missingButOnThisMachine(Target target, String file, ExecResult r) {
        return !target.root().isHost() && r.verdict() instanceof Verdict.Fails f && f.cause() == Cause.NOT_FOUND
                && file.contains("/") && Files.exists(Path.of(file));
    }
}
