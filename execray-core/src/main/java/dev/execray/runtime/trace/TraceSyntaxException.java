package dev.execray.runtime.trace;

/**
 * A line that looks like runtime trace output but does not follow the format: carries the 1-based
 * column where reading stopped and what was expected there. Thrown and caught inside the parser only
 * (no stack trace: it is control flow for a rare case, and must stay cheap).
 */
public final class TraceSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int column;
    private final String expected;

    public TraceSyntaxException(int column, String expected) {
        super("column " + column + ": expected " + expected, null, false, false);
        this.column = column;
        this.expected = expected;
    }

    public int column() {
        return column;
    }

    public String expected() {
        return expected;
    }
}
