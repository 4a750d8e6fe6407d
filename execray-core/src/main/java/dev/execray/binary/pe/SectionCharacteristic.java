package dev.execray.binary.pe;

import dev.execray.binary.SpecFlag;

/**
 * Bits of a section header's {@code Characteristics} (IMAGE_SCN_*). The alignment field
 * (bits 20-23) is a number, not a flag: see {@link #alignment}.
 */
public enum SectionCharacteristic implements SpecFlag {
    TYPE_NO_PAD(0x00000008),
    CNT_CODE(0x00000020),
    CNT_INITIALIZED_DATA(0x00000040),
    CNT_UNINITIALIZED_DATA(0x00000080),
    LNK_OTHER(0x00000100),
    LNK_INFO(0x00000200),
    LNK_REMOVE(0x00000800),
    LNK_COMDAT(0x00001000),
    GPREL(0x00008000),
    MEM_PURGEABLE(0x00020000),
    MEM_LOCKED(0x00040000),
    MEM_PRELOAD(0x00080000),
    LNK_NRELOC_OVFL(0x01000000),
    MEM_DISCARDABLE(0x02000000),
    MEM_NOT_CACHED(0x04000000),
    MEM_NOT_PAGED(0x08000000),
    MEM_SHARED(0x10000000),
    MEM_EXECUTE(0x20000000),
    MEM_READ(0x40000000),
    MEM_WRITE(0x80000000L);

    /** The IMAGE_SCN_ALIGN_* field. */
    public static final long ALIGN_MASK = 0x00f00000L;

    private final long mask;

    SectionCharacteristic(long mask) {
        this.mask = mask;
    }

    @Override
    public long mask() {
        return mask;
    }

    @Override
    public String specName() {
        return "IMAGE_SCN_" + name();
    }

    /** The alignment in bytes the field asks for (objects only), or 0 when it is not set. */
    public static int alignment(long characteristics) {
        int n = (int) ((characteristics & ALIGN_MASK) >>> 20);
        return n == 0 || n > 14 ? 0 : 1 << (n - 1);
    }
}
