package dev.execray.binary.xcoff;

/**
 * A symbol table entry (SYMENT / SYMENT_64), with its auxiliary entries skipped and counted.
 *
 * @param scnum  1-based section number; 0 undefined (N_UNDEF), -1 absolute, -2 debug
 * @param sclass storage class (C_EXT 2, C_HIDEXT 107, C_FILE 103, ...)
 */
public record XcoffSymbol(String name, long value, int scnum, int type, int sclass, int numaux) {
    public static final int C_EXT = 2;
    public static final int C_WEAKEXT = 111;
    public static final int C_HIDEXT = 107;
}
