package dev.execray.exec;

import java.util.List;

/**
 * An execve() to simulate: the path as passed (relative paths start at {@code cwd}, a directory
 * inside the target's root), and the argument vector (argv[0] first).
 */
public record ExecRequest(String path, List<String> argv, String cwd) {

    public ExecRequest {
        argv = List.copyOf(argv);
        if (cwd.isEmpty() || cwd.charAt(0) != '/') {
            throw new IllegalArgumentException("cwd must be absolute inside the root: " + cwd);
        }
    }

    /** execve(path, [path], ...) from the root directory. */
    public static ExecRequest of(String path) {
        return new ExecRequest(path, List.of(path), "/");
    }

    public ExecRequest withCwd(String dir) {
        return new ExecRequest(path, argv, dir);
    }
}
