package dev.execray.binary.pe;

import dev.execray.binary.SpecFlag;

/** Bits of the COFF header's {@code Characteristics} (IMAGE_FILE_*). */
public enum CoffCharacteristic implements SpecFlag {
    RELOCS_STRIPPED(0x0001),
    EXECUTABLE_IMAGE(0x0002),
    LINE_NUMS_STRIPPED(0x0004),
    LOCAL_SYMS_STRIPPED(0x0008),
    AGGRESSIVE_WS_TRIM(0x0010),
    LARGE_ADDRESS_AWARE(0x0020),
    BYTES_REVERSED_LO(0x0080),
    MACHINE_32BIT(0x0100),
    DEBUG_STRIPPED(0x0200),
    REMOVABLE_RUN_FROM_SWAP(0x0400),
    NET_RUN_FROM_SWAP(0x0800),
    SYSTEM(0x1000),
    DLL(0x2000),
    UP_SYSTEM_ONLY(0x4000),
    BYTES_REVERSED_HI(0x8000);

    private final int mask;

    CoffCharacteristic(int mask) {
        this.mask = mask;
    }

    @Override
    public long mask() {
        return mask;
    }

    @Override
    public String specName() {
        // the one name that cannot be a Java identifier as spelled in winnt.h
        return this == MACHINE_32BIT ? "IMAGE_FILE_32BIT_MACHINE" : "IMAGE_FILE_" + name();
    }
}
