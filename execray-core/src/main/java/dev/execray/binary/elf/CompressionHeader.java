package dev.execray.binary.elf;

/**
 * The Elf32_Chdr / Elf64_Chdr at the start of a section with SHF_COMPRESSED: how the rest of the
 * section is compressed ({@link #ELFCOMPRESS_ZLIB} or {@link #ELFCOMPRESS_ZSTD}) and how large and
 * aligned it is uncompressed.
 */
public record CompressionHeader(long type, long size, long addralign, int headerSize) {
    public static final int ELFCOMPRESS_ZLIB = 1;
    public static final int ELFCOMPRESS_ZSTD = 2;

    /** The name readelf prints for the compression type. */
    public String typeName() {
        if (type == ELFCOMPRESS_ZLIB) {
            return "ZLIB";
        }
        if (type == ELFCOMPRESS_ZSTD) {
            return "ZSTD";
        }
        return "[<unknown>: 0x" + Long.toHexString(type) + "]";
    }
}
