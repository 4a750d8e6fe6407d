package dev.execray.rootfs.image;

/**
 * A container image that cannot be read as one: a missing manifest, a blob that is not there, a
 * layer that is not a tar, a limit exceeded. The message names the image part at fault.
 */
public final class ImageFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public ImageFormatException(String message) {
        super(oneLine(message));
    }

    public ImageFormatException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /** Messages carry names from the image: a newline or CR in one must not forge a line of our output. */
    static String oneLine(String s) {
        return s == null ? "" : s.replace("\r", "\\r").replace("\n", "\\n");
    }
}
