package dev.execray.rootfs;

/**
 * A root that cannot be used at all: the directory is missing or not a directory, or the name is a place of a
 * kind that {@code --root} does not take. Unchecked so that every command that builds a root from a user's path
 * gets the same refusal (exit 3, one line) without each having to say it.
 */
public final class RootRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RootRefusedException(String message) {
        super(message);
    }
}
