package dev.execray.binary;

/**
 * A malformation found while reading one table of a file whose other parts are still good: recorded
 * beside the partial result instead of thrown, so that a broken export table does not hide the
 * imports. Same three facts as {@link BinaryFormatException}.
 */
public record FormatProblem(String structure, long offset, String detail) {
    public static FormatProblem of(BinaryFormatException e) {
        return new FormatProblem(e.structure(), e.offset(), e.detail());
    }

    public String message() {
        return structure + " at offset 0x" + Long.toHexString(offset) + ": " + detail;
    }
}
