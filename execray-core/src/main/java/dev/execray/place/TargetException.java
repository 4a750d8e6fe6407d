package dev.execray.place;

/** A target asked for cannot be built: a wrong platform name, version, size or registry file. */
public final class TargetException extends Exception {
    private static final long serialVersionUID = 1L;

    public TargetException(String message) {
        super(message);
    }
}
