package dev.execray.bench;

/** The ways of starting the same program that {@code --paths} compares. */
public enum LaunchPath {
    /** execve() of the program's path. */
    DIRECT("direct", "execve of its path"),
    /** execvp(): the C library walks PATH, trying execve in each directory until one works. */
    PATH("path", "PATH lookup (execvp)"),
    /** {@code /bin/sh -c 'PROGRAM ARGS'}, as system() and popen() do. */
    SH("sh", "/bin/sh -c"),
    /** {@code /usr/bin/env PROGRAM ARGS}. */
    ENV("env", "/usr/bin/env"),
    /** A generated {@code #!/bin/sh} wrapper that execs the program, as wrapper scripts and entrypoints do. */
    SHEBANG("shebang", "#!/bin/sh wrapper script"),
    /** The binfmt_misc interpreter registered for the file, started explicitly with the file as its argument. */
    BINFMT("binfmt", "its binfmt_misc interpreter");

    private final String flag;
    private final String description;

    LaunchPath(String flag, String description) {
        this.flag = flag;
        this.description = description;
    }

    public String flag() {
        return flag;
    }

    public String description() {
        return description;
    }

    public static LaunchPath parse(String s) {
        for (LaunchPath p : values()) {
            if (p.flag.equals(s.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown launch path '" + s + "' (known: direct, path, sh, env, shebang, binfmt)");
    }
}
