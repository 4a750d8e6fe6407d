package dev.execray.binary.elf;

/** STB_* values (high four bits of st_info) with the names readelf 2.40 prints. */
public enum SymbolBinding implements ElfConstant {
    LOCAL(0, "LOCAL"),
    GLOBAL(1, "GLOBAL"),
    WEAK(2, "WEAK"),
    /** Named "UNIQUE" by readelf only in files whose OS/ABI is GNU. */
    GNU_UNIQUE(10, "UNIQUE");

    private final int value;
    private final String readelfName;

    SymbolBinding(int value, String readelfName) {
        this.value = value;
        this.readelfName = readelfName;
    }

    @Override
    public long value() {
        return value;
    }

    @Override
    public String readelfName() {
        return readelfName;
    }
}
