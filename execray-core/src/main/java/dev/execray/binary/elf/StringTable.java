package dev.execray.binary.elf;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;

/** A string table (.strtab, .dynstr, .shstrtab) at a checked place in the file. */
final class StringTable {
    /** String tables of mapped files up to this size are copied to the heap, where scanning is faster. */
    private static final long COPY_LIMIT = 64L << 20;

    private final ByteSource src;
    private final long offset;
    /** Where {@code src} starts in the file: 0 unless the table was copied out of a mapped file. */
    private final long fileOffset;
    private final long size;
    private final String structure;

    StringTable(ByteSource src, long offset, long size, String structure) {
        src.check(offset, size, structure);
        if (!src.onHeap() && size > 0 && size <= COPY_LIMIT) {
            this.src = src.copy(offset, (int) size, structure);
            this.offset = 0;
            this.fileOffset = offset;
        } else {
            this.src = src;
            this.offset = offset;
            this.fileOffset = 0;
        }
        this.size = size;
        this.structure = structure;
    }

    /** The table's offset in the file. */
    long offset() {
        return fileOffset + offset;
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
            throw new BinaryFormatException(structure, offset(),
                    "string index 0x" + Long.toHexString(index) + " is beyond the table's 0x" + Long.toHexString(size)
                            + " bytes");
        }
        try {
            return src.cString(offset + index, offset + size, structure);
        } catch (BinaryFormatException e) {
            // report the offset in the file, not in the heap copy
            throw new BinaryFormatException(structure, fileOffset + e.offset(), e.detail());
        }
    }
}
