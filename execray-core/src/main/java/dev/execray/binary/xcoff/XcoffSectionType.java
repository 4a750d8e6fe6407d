package dev.execray.binary.xcoff;

/** The section type bits of s_flags (STYP_*), spec values. */
public enum XcoffSectionType {
    PAD(0x0008, "STYP_PAD"),
    DWARF(0x0010, "STYP_DWARF"),
    TEXT(0x0020, "STYP_TEXT"),
    DATA(0x0040, "STYP_DATA"),
    BSS(0x0080, "STYP_BSS"),
    EXCEPT(0x0100, "STYP_EXCEPT"),
    INFO(0x0200, "STYP_INFO"),
    TDATA(0x0400, "STYP_TDATA"),
    TBSS(0x0800, "STYP_TBSS"),
    LOADER(0x1000, "STYP_LOADER"),
    DEBUG(0x2000, "STYP_DEBUG"),
    TYPCHK(0x4000, "STYP_TYPCHK"),
    OVRFLO(0x8000, "STYP_OVRFLO");

    private final int value;
    private final String specName;

    XcoffSectionType(int value, String specName) {
        this.value = value;
        this.specName = specName;
    }

    public int value() {
        return value;
    }

    public String specName() {
        return specName;
    }

    /** The type in the low 16 bits of s_flags (the high bits are the DWARF subtype), or "STYP_0x.." if none. */
    public static String describe(long flags) {
        int t = (int) (flags & 0xffff);
        for (XcoffSectionType s : values()) {
            if (s.value == t) {
                return s.specName;
            }
        }
        return "STYP_0x" + Integer.toHexString(t);
    }
}
