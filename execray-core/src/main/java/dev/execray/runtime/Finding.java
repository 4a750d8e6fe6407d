package dev.execray.runtime;

/**
 * Something an analysis noticed. {@code why} says what the threshold is and why it is there, so a
 * reader can judge the finding instead of trusting it.
 */
public record Finding(Severity severity, String code, String message, String why) {

    public enum Severity {
        /** Worth acting on; makes the command exit 1. */
        WARNING,
        /** Worth knowing; does not change the exit code. */
        NOTE
    }

    public static Finding warning(String code, String message, String why) {
        return new Finding(Severity.WARNING, code, message, why);
    }

    public static Finding note(String code, String message, String why) {
        return new Finding(Severity.NOTE, code, message, why);
    }
}
