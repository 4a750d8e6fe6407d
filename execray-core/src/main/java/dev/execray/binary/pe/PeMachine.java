package dev.execray.binary.pe;

import java.util.Optional;

/** COFF {@code Machine} values (IMAGE_FILE_MACHINE_*), as listed in the PE format specification. */
public enum PeMachine {
    UNKNOWN(0x0),
    TARGET_HOST(0x1),
    I386(0x14c),
    R3000_BE(0x160),
    R3000(0x162),
    R4000(0x166),
    R10000(0x168),
    WCEMIPSV2(0x169),
    ALPHA(0x184),
    SH3(0x1a2),
    SH3DSP(0x1a3),
    SH3E(0x1a4),
    SH4(0x1a6),
    SH5(0x1a8),
    ARM(0x1c0),
    THUMB(0x1c2),
    ARMNT(0x1c4),
    AM33(0x1d3),
    POWERPC(0x1f0),
    POWERPCFP(0x1f1),
    POWERPCBE(0x1f2),
    IA64(0x200),
    MIPS16(0x266),
    ALPHA64(0x284),
    MIPSFPU(0x366),
    MIPSFPU16(0x466),
    TRICORE(0x520),
    CEF(0xcef),
    EBC(0xebc),
    CHPE_X86(0x3a64),
    RISCV32(0x5032),
    RISCV64(0x5064),
    RISCV128(0x5128),
    LOONGARCH32(0x6232),
    LOONGARCH64(0x6264),
    AMD64(0x8664),
    M32R(0x9041),
    ARM64EC(0xa641),
    ARM64X(0xa64e),
    ARM64(0xaa64),
    CEE(0xc0ee);

    private final int value;

    PeMachine(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public String specName() {
        return "IMAGE_FILE_MACHINE_" + name();
    }

    public static Optional<PeMachine> of(int value) {
        for (PeMachine m : values()) {
            if (m.value == value) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The spec name, or {@code unknown(0x...)} for a value no specification names. */
    public static String describe(int value) {
        return of(value).map(PeMachine::specName).orElse(String.format("unknown(0x%x)", value));
    }

    /** A short name users know (amd64, i386, arm64), for summaries. */
    public static String shortName(int value) {
        return of(value).map(m -> m.name().toLowerCase(java.util.Locale.ROOT))
                .orElse(String.format("unknown(0x%x)", value));
    }
}
