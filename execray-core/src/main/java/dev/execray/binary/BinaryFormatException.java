package dev.execray.binary;

/**
 * A file does not hold what its format promises: a read past the end, a count larger than the bytes
 * that could hold it, a string that never ends. Carries the structure being read and its file offset
 * so that the one-line error a user sees can name both.
 */
public final class BinaryFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String structure;
    private final long offset;
    private final String detail;

    public BinaryFormatException(String structure, long offset, String detail) {
        super(structure + " at offset 0x" + Long.toHexString(offset) + ": " + detail);
        this.structure = structure;
        this.offset = offset;
        this.detail = detail;
    }

    public String structure() {
        return structure;
    }

    public long offset() {
        return offset;
    }

    public String detail() {
        return detail;
    }
}
