package dev.execray.rootfs;

/**
 * A root file system could not do what was asked: the path is missing, is of the wrong kind, or the
 * underlying storage could not be read. Carries the errno the kernel would report for the same
 * failure, so that the exec path can show it as the step where it happened.
 */
public final class RootFsException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Errno errno;
    private final String path;
    private final String detail;

    public RootFsException(Errno errno, String path, String detail) {
        super(path + ": " + detail);
        this.errno = errno;
        this.path = path;
        this.detail = detail;
    }

    /** What went wrong, without the path: for messages that name the path themselves. */
    public String detail() {
        return detail;
    }

    public Errno errno() {
        return errno;
    }

    public String path() {
        return path;
    }
}
