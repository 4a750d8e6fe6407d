package dev.execray.binary.elf;

import java.util.List;

/** STT_* values (low four bits of st_info) with the names readelf 2.40 prints ({@code get_symbol_type}). */
public enum SymbolType implements ElfConstant {
    NOTYPE(0, "NOTYPE"),
    OBJECT(1, "OBJECT"),
    FUNC(2, "FUNC"),
    SECTION(3, "SECTION"),
    FILE(4, "FILE"),
    COMMON(5, "COMMON"),
    TLS(6, "TLS"),
    RELC(8, "RELC"),
    SRELC(9, "SRELC"),
    /** Named "IFUNC" by readelf only in files whose OS/ABI is GNU or FreeBSD. */
    GNU_IFUNC(10, "IFUNC"),
    HP_OPAQUE(11, "HP_OPAQUE", ElfMachine.PARISC),
    HP_STUB(12, "HP_STUB", ElfMachine.PARISC),
    ARM_TFUNC(13, "THUMB_FUNC", ElfMachine.ARM),
    SPARC_REGISTER(13, "REGISTER", ElfMachine.SPARCV9),
    PARISC_MILLI(13, "PARISC_MILLI", ElfMachine.PARISC);

    private final int value;
    private final String readelfName;
    private final List<ElfMachine> machines;

    SymbolType(int value, String readelfName, ElfMachine... machines) {
        this.value = value;
        this.readelfName = readelfName;
        this.machines = List.of(machines);
    }

    @Override
    public long value() {
        return value;
    }

    @Override
    public String readelfName() {
        return readelfName;
    }

    @Override
    public List<ElfMachine> machines() {
        return machines;
    }
}
