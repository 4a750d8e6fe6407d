package dev.execray.binary.pe;

/**
 * One record of the COFF symbol table that GNU-built and Go-built images keep (MSVC images do not).
 * {@code sectionNumber} is 1-based; 0 undefined, -1 absolute, -2 debug. Auxiliary records are
 * skipped, not listed.
 */
public record CoffSymbol(String name, long value, int sectionNumber, int type, int storageClass,
        int numberOfAuxSymbols) {
    public static final int SIZE = 18;
}
