package dev.execray.binary;

/**
 * A malformation found while reading one table of a file whose other parts are still good: recorded
 * beside the partial result instead of thrown, so that a broken export table does not hide the
 * imports. Same three facts as {@link BinaryFormatException}, and the same message.
 */
public record FormatProblem(String structure, long offset, String detail) {
    public static FormatProblem of(BinaryFormatException e) {
        return new FormatProblem(e.structure(), e.offset(), e.detail());
    }

    public String message() {
        return structure + " at offset 0x" + Long.toHexString(offset) + ": " + detail;
    }

    /** This problem as the exception a reader throws when nothing of the file can be read past it. */
    public BinaryFormatException toException() {
        return new BinaryFormatException(structure, offset, detail);
    }
}
