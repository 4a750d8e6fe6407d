package dev.execray.binary.elf;

/**
 * e_type values with the names GNU readelf 2.40 prints ({@code get_file_type}). readelf calls an
 * ET_DYN file with DF_1_PIE a "Position-Independent Executable file"; that needs the dynamic
 * section, so it is {@link ElfFile#isPie()}, and this name is the plain one.
 */
public enum ElfType implements ElfConstant {
    NONE(0, "NONE (None)"),
    REL(1, "REL (Relocatable file)"),
    EXEC(2, "EXEC (Executable file)"),
    DYN(3, "DYN (Shared object file)"),
    CORE(4, "CORE (Core file)");

    /** readelf's name for an ET_DYN file whose DT_FLAGS_1 has DF_1_PIE. */
    public static final String PIE_NAME = "DYN (Position-Independent Executable file)";

    private static final ConstantTable<ElfType> TABLE = new ConstantTable<>(ElfType.class);

    private final int value;
    private final String readelfName;

    ElfType(int value, String readelfName) {
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

    public static Coded<ElfType> of(int value) {
        return TABLE.lookup(value, 0, v -> {
            String hex = Long.toHexString(v);
            if (v >= 0xff00 && v <= 0xffff) {
                return "Processor Specific: (" + hex + ")";
            }
            if (v >= 0xfe00 && v <= 0xfeff) {
                return "OS Specific: (" + hex + ")";
            }
            return "<unknown>: " + hex;
        });
    }
}
