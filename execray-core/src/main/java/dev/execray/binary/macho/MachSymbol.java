package dev.execray.binary.macho;

/**
 * An nlist / nlist_64 symbol table entry. {@code type} is n_type as stored; its parts are decoded
 * below: N_STAB (debugger entry), N_PEXT (private external), N_TYPE (undefined, absolute, in a
 * section, prebound, indirect) and N_EXT (external).
 */
public record MachSymbol(String name, int type, int sect, int desc, long value) {
    public static final int N_STAB = 0xe0;
    public static final int N_PEXT = 0x10;
    public static final int N_TYPE = 0x0e;
    public static final int N_EXT = 0x01;

    public boolean isStab() {
        return (type & N_STAB) != 0;
    }

    public boolean isPrivateExternal() {
        return (type & N_PEXT) != 0;
    }

    public boolean isExternal() {
        return (type & N_EXT) != 0;
    }

    public boolean isUndefined() {
        return !isStab() && (type & N_TYPE) == 0 && value == 0;
    }

    /** N_UNDF, N_ABS, N_SECT, N_PBUD or N_INDR; for a stab, its N_* debugger code. */
    public String typeName() {
        if (isStab()) {
            return String.format("N_STAB(0x%02x)", type);
        }
        return switch (type & N_TYPE) {
            case 0x0 -> "N_UNDF";
            case 0x2 -> "N_ABS";
            case 0xe -> "N_SECT";
            case 0xc -> "N_PBUD";
            case 0xa -> "N_INDR";
            default -> String.format("N_TYPE(0x%x)", type & N_TYPE);
        };
    }

    /** For an undefined symbol in a two-level namespace image: the dylib ordinal in n_desc's high byte. */
    public int libraryOrdinal() {
        return (desc >>> 8) & 0xff;
    }
}
