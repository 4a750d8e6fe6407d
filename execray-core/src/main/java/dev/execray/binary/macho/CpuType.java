package dev.execray.binary.macho;

import java.util.Locale;
import java.util.Optional;

/**
 * Mach-O {@code cputype} values (CPU_TYPE_*, mach/machine.h). Bit 24 (CPU_ARCH_ABI64) marks 64-bit
 * variants, bit 25 (CPU_ARCH_ABI64_32) ILP32 on a 64-bit CPU.
 */
public enum CpuType {
    VAX(1),
    MC680X0(6),
    X86(7),
    MIPS(8),
    MC98000(10),
    HPPA(11),
    ARM(12),
    MC88000(13),
    SPARC(14),
    I860(15),
    POWERPC(18),
    X86_64(0x01000007),
    ARM64(0x0100000c),
    ARM64_32(0x0200000c),
    POWERPC64(0x01000012);

    public static final int ARCH_ABI64 = 0x01000000;
    public static final int ARCH_ABI64_32 = 0x02000000;

    private final int value;

    CpuType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public String specName() {
        return "CPU_TYPE_" + (this == MC680X0 ? "MC680x0" : name());
    }

    public static Optional<CpuType> of(int value) {
        for (CpuType t : values()) {
            if (t.value == value) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public static String describe(int value) {
        return of(value).map(CpuType::specName).orElse(String.format("unknown(0x%x)", value));
    }

    String lower() {
        return name().toLowerCase(Locale.ROOT);
    }
}
