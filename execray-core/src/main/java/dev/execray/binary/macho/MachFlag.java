package dev.execray.binary.macho;

import dev.execray.binary.SpecFlag;

/** Bits of the header's {@code flags} (MH_*). */
public enum MachFlag implements SpecFlag {
    NOUNDEFS(0x1),
    INCRLINK(0x2),
    DYLDLINK(0x4),
    BINDATLOAD(0x8),
    PREBOUND(0x10),
    SPLIT_SEGS(0x20),
    LAZY_INIT(0x40),
    TWOLEVEL(0x80),
    FORCE_FLAT(0x100),
    NOMULTIDEFS(0x200),
    NOFIXPREBINDING(0x400),
    PREBINDABLE(0x800),
    ALLMODSBOUND(0x1000),
    SUBSECTIONS_VIA_SYMBOLS(0x2000),
    CANONICAL(0x4000),
    WEAK_DEFINES(0x8000),
    BINDS_TO_WEAK(0x10000),
    ALLOW_STACK_EXECUTION(0x20000),
    ROOT_SAFE(0x40000),
    SETUID_SAFE(0x80000),
    NO_REEXPORTED_DYLIBS(0x100000),
    PIE(0x200000),
    DEAD_STRIPPABLE_DYLIB(0x400000),
    HAS_TLV_DESCRIPTORS(0x800000),
    NO_HEAP_EXECUTION(0x1000000),
    APP_EXTENSION_SAFE(0x2000000),
    NLIST_OUTOFSYNC_WITH_DYLDINFO(0x4000000),
    SIM_SUPPORT(0x8000000),
    DYLIB_IN_CACHE(0x80000000L);

    private final long mask;

    MachFlag(long mask) {
        this.mask = mask;
    }

    @Override
    public long mask() {
        return mask;
    }

    @Override
    public String specName() {
        return "MH_" + name();
    }
}
