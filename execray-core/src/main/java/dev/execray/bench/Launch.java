package dev.execray.bench;

import java.util.List;
import java.util.Map;

/**
 * One command to time, exactly as it will be started.
 *
 * @param label      how the output names it (the command as typed, or "direct", "sh", ...)
 * @param path       the launch path, for --paths; {@link LaunchPath#DIRECT} for plain commands
 * @param file       what posix_spawn (or execvp) is given
 * @param argv       the argument vector, argv[0] first
 * @param pathLookup whether {@code file} is a name searched in PATH (execvp) rather than a path
 * @param env        variables set or replaced in the child's environment (PATH for the path launch, LD_DEBUG ...)
 * @param how        one line saying how it is started, for the output
 */
public record Launch(String label, LaunchPath path, String file, List<String> argv, boolean pathLookup,
        Map<String, String> env, String how) {

    public Launch {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv needs argv[0]");
        }
    }

    public Launch withEnv(Map<String, String> more) {
        java.util.Map<String, String> m = new java.util.HashMap<>(env);
        m.putAll(more);
        return new Launch(label, path, file, argv, pathLookup, m, how);
    }
}
