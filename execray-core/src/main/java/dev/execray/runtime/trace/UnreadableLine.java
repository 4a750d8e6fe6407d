package dev.execray.runtime.trace;

/** A line that carried a runtime trace marker but could not be read: where, and why. */
public record UnreadableLine(long line, int column, String expected, String text) {
    @Override
    public String toString() {
        return "line " + line + ", column " + column + ": expected " + expected + ": " + text;
    }
}
