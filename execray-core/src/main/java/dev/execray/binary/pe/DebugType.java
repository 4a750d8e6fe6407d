package dev.execray.binary.pe;

import java.util.Optional;

/** Debug directory entry types (IMAGE_DEBUG_TYPE_*). */
public enum DebugType {
    UNKNOWN(0),
    COFF(1),
    CODEVIEW(2),
    FPO(3),
    MISC(4),
    EXCEPTION(5),
    FIXUP(6),
    OMAP_TO_SRC(7),
    OMAP_FROM_SRC(8),
    BORLAND(9),
    RESERVED10(10),
    CLSID(11),
    VC_FEATURE(12),
    POGO(13),
    ILTCG(14),
    MPX(15),
    REPRO(16),
    EMBEDDED_PORTABLE_PDB(17),
    SPGO(18),
    PDBCHECKSUM(19),
    EX_DLLCHARACTERISTICS(20);

    private final int value;

    DebugType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public String specName() {
        return "IMAGE_DEBUG_TYPE_" + name();
    }

    public static Optional<DebugType> of(long value) {
        for (DebugType t : values()) {
            if (t.value == value) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public static String describe(long value) {
        return of(value).map(DebugType::specName).orElse("unknown(" + value + ")");
    }
}
