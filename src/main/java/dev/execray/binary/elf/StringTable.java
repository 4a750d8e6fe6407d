package dev.execray.binary.elf;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;

/** A string table (.strtab, .dynstr, .shstrtab) at a checked place in the file. */
final class StringTable {
    private final ByteSource src;
    private final long offset;
    private final long size;
    private final String structure;

    StringTable(ByteSource src, long offset, long size, String structure) {
        src.check(offset, size, structure);
        this.src = src;
        this.offset = offset;
        this.size = size;
        this.structure = structure;
    }

    long offset() {
        return offset;
    }

    long size() {
        return size;
    }

    boolean contains(long index) {
        return index >= 0 && index < size;
    }

    /** The NUL-terminated string at {@code index}. */
    String at(long index) {
        if (index < 0 || index >= size) {
            throw new BinaryFormatException(structure, offset,
                    "string index 0x" + Long.toHexString(index) + " is beyond the table's 0x" + Long.toHexString(size)
                            + " bytes");
        }
        return src.cString(offset + index, offset + size, structure);
    }
}
