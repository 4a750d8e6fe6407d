package dev.execray.binary.pe;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;

/**
 * The COFF string table, which follows the COFF symbol table and holds section names longer than
 * eight bytes. Images keep it only when built by GNU tools (their DWARF sections are named
 * {@code .debug_info}); the section header then says {@code /4}.
 */
final class StringTable {
    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final ByteSource source;
    private final long start;
    private final boolean present;

    StringTable(ByteSource source, CoffHeader coff) {
        this(source, coff, CoffSymbol.SIZE);
    }

    /** {@code symbolSize}: 18 bytes per symbol record, 20 in a /bigobj object. */
    StringTable(ByteSource source, CoffHeader coff, int symbolSize) {
        this.source = source;
        this.start = coff.pointerToSymbolTable() + coff.numberOfSymbols() * symbolSize;
        this.present = coff.pointerToSymbolTable() != 0;
    }

    /** Resolves {@code /123} (decimal offset) or {@code //AAAAAA} (base64 offset, for tables over 10 MB). */
    String longName(String headerName, long headerOffset) {
        long offset = parseOffset(headerName, headerOffset);
        if (!present) {
            throw new BinaryFormatException("section name", headerOffset, "long name " + headerName
                    + " but the file has no COFF string table");
        }
        long size = source.u32(start, "COFF string table");
        // the size field counts itself; names lie after it
        if (offset < 4 || offset >= size) {
            throw new BinaryFormatException("section name", headerOffset, "long name " + headerName
                    + " points outside the string table of " + size + " bytes");
        }
        return source.cString(start + offset, start + size, "COFF string table");
    }

    private static long parseOffset(String name, long at) {
        String digits = name.substring(1);
        try {
            if (digits.startsWith("/")) {
                long v = 0;
                for (char c : digits.substring(1).toCharArray()) {
                    int d = BASE64.indexOf(c);
                    if (d < 0) {
                        throw new NumberFormatException(name);
                    }
                    v = v * 64 + d;
                }
                return v;
            }
            if (digits.isEmpty() || digits.length() > 7 || !digits.chars().allMatch(Character::isDigit)) {
                throw new NumberFormatException(name);
            }
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new BinaryFormatException("section name", at, "long name " + name + " is not /offset");
        }
    }
}
