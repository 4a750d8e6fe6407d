package dev.execray.binary.pe;

import dev.execray.binary.SpecFlag;

/** Bits of the optional header's {@code DllCharacteristics} (IMAGE_DLLCHARACTERISTICS_*). */
public enum DllCharacteristic implements SpecFlag {
    HIGH_ENTROPY_VA(0x0020),
    DYNAMIC_BASE(0x0040),
    FORCE_INTEGRITY(0x0080),
    NX_COMPAT(0x0100),
    NO_ISOLATION(0x0200),
    NO_SEH(0x0400),
    NO_BIND(0x0800),
    APPCONTAINER(0x1000),
    WDM_DRIVER(0x2000),
    GUARD_CF(0x4000),
    TERMINAL_SERVER_AWARE(0x8000);

    private final int mask;

    DllCharacteristic(int mask) {
        this.mask = mask;
    }

    @Override
    public long mask() {
        return mask;
    }

    @Override
    public String specName() {
        return "IMAGE_DLLCHARACTERISTICS_" + name();
    }
}
