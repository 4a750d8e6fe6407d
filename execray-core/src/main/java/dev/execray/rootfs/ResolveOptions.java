package dev.execray.rootfs;

/**
 * How a path is walked: from which working directory (canonical, inside the root), with whose
 * permissions, and whether a symlink in the last component is followed (execve follows it).
 */
public record ResolveOptions(String cwd, Credentials credentials, boolean followFinal) {

    /** The kernel's MAXSYMLINKS: at most this many symlinks are followed in one lookup (fs/namei.c). */
    public static final int MAX_SYMLINKS = 40;
    /** NAME_MAX: the longest single component (include/uapi/linux/limits.h). */
    public static final int NAME_MAX = 255;
    /** PATH_MAX: a path name including its terminating NUL must fit (getname()). */
    public static final int PATH_MAX = 4096;

    public static final ResolveOptions DEFAULT = new ResolveOptions("/", Credentials.ROOT, true);

    public ResolveOptions {
        if (cwd.isEmpty() || cwd.charAt(0) != '/') {
            throw new IllegalArgumentException("working directory must be absolute inside the root: " + cwd);
        }
    }

    public ResolveOptions withCwd(String newCwd) {
        return new ResolveOptions(newCwd, credentials, followFinal);
    }

    public ResolveOptions withCredentials(Credentials c) {
        return new ResolveOptions(cwd, c, followFinal);
    }

    public ResolveOptions noFollow() {
        return new ResolveOptions(cwd, credentials, false);
    }
}
