package dev.execray.binary.elf;

/** EI_CLASS: the width of addresses and offsets in the file. */
public enum ElfClass {
    ELF32(1, 32, 4),
    ELF64(2, 64, 8);

    private final int value;
    private final int bits;
    private final int wordSize;

    ElfClass(int value, int bits, int wordSize) {
        this.value = value;
        this.bits = bits;
        this.wordSize = wordSize;
    }

    public int value() {
        return value;
    }

    /** 32 or 64, as the JSON output and {@code file(1)} say it. */
    public int bits() {
        return bits;
    }

    /** Bytes in an address: 4 or 8. */
    public int wordSize() {
        return wordSize;
    }

    /** What readelf prints after "Class:". */
    public String readelfName() {
        return name();
    }
}
