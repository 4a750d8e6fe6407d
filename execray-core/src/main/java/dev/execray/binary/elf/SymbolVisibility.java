package dev.execray.binary.elf;

/** STV_* values (low two bits of st_other). */
public enum SymbolVisibility implements ElfConstant {
    DEFAULT(0, "DEFAULT"),
    INTERNAL(1, "INTERNAL"),
    HIDDEN(2, "HIDDEN"),
    PROTECTED(3, "PROTECTED");

    private final int value;
    private final String readelfName;

    SymbolVisibility(int value, String readelfName) {
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
