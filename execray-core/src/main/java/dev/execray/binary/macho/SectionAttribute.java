package dev.execray.binary.macho;

import dev.execray.binary.SpecFlag;

/** The attribute bits in the upper 24 bits of a section's flags (S_ATTR_*). */
public enum SectionAttribute implements SpecFlag {
    PURE_INSTRUCTIONS(0x80000000L),
    NO_TOC(0x40000000),
    STRIP_STATIC_SYMS(0x20000000),
    NO_DEAD_STRIP(0x10000000),
    LIVE_SUPPORT(0x08000000),
    SELF_MODIFYING_CODE(0x04000000),
    DEBUG(0x02000000),
    SOME_INSTRUCTIONS(0x00000400),
    EXT_RELOC(0x00000200),
    LOC_RELOC(0x00000100);

    private final long mask;

    SectionAttribute(long mask) {
        this.mask = mask;
    }

    @Override
    public long mask() {
        return mask;
    }

    @Override
    public String specName() {
        return "S_ATTR_" + name();
    }

    /** The attribute part of a section's flags (the low byte is the type). */
    public static long bits(long flags) {
        return flags & 0xffffff00L;
    }
}
