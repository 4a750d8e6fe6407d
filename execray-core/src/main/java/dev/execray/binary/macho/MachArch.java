package dev.execray.binary.macho;

/**
 * The architecture names Apple's tools use (lipo, ld -arch, otool): a cputype and the subtype with
 * its capability bits masked off. {@code x86_64h} is Haswell, {@code arm64e} pointer
 * authentication, {@code arm64_32} ILP32 on arm64 (watchOS).
 */
public final class MachArch {
    /** The high byte of cpusubtype holds capability bits (CPU_SUBTYPE_MASK), not the subtype. */
    public static final int SUBTYPE_MASK = 0xff000000;
    /** CPU_SUBTYPE_LIB64: a 64-bit x86/ppc executable's libraries are 64-bit too. */
    public static final int SUBTYPE_LIB64 = 0x80000000;
    /** CPU_SUBTYPE_PTRAUTH_ABI: arm64e code using the versioned pointer-authentication ABI. */
    public static final int SUBTYPE_PTRAUTH_ABI = 0x80000000;

    private MachArch() {
    }

    public static int maskedSubtype(int cpusubtype) {
        return cpusubtype & ~SUBTYPE_MASK;
    }

    public static String name(int cputype, int cpusubtype) {
        int sub = maskedSubtype(cpusubtype);
        return CpuType.of(cputype).map(t -> switch (t) {
            case X86 -> x86(sub);
            case X86_64 -> sub == 8 ? "x86_64h" : "x86_64";
            case ARM -> arm(sub);
            case ARM64 -> sub == 2 ? "arm64e" : sub == 1 ? "arm64v8" : "arm64";
            case ARM64_32 -> "arm64_32";
            case POWERPC -> ppc(sub);
            case POWERPC64 -> sub == 100 ? "ppc970-64" : "ppc64";
            case MC680X0 -> "m68k";
            case MC88000 -> "m88k";
            case HPPA -> "hppa";
            case SPARC -> "sparc";
            case I860 -> "i860";
            case VAX -> "vax";
            case MIPS -> "mips";
            case MC98000 -> "mc98000";
        }).orElse(String.format("cputype(0x%x)", cputype));
    }

    /** The capability bits of the subtype, named; empty when none is set. */
    public static String capabilities(int cputype, int cpusubtype) {
        int caps = cpusubtype & SUBTYPE_MASK;
        if (caps == 0) {
            return "";
        }
        if (cputype == CpuType.ARM64.value() && maskedSubtype(cpusubtype) == 2) {
            if ((caps & SUBTYPE_PTRAUTH_ABI) != 0) {
                return "ptrauth-abi v" + ((cpusubtype >>> 24) & 0xf);
            }
        } else if (caps == SUBTYPE_LIB64) {
            return "lib64";
        }
        return String.format("0x%08x", caps);
    }

    private static String x86(int sub) {
        return switch (sub) {
            case 4 -> "i486";
            case 0x84 -> "i486SX";
            case 5 -> "pentium";
            case 0x16 -> "pentpro";
            case 0x36 -> "pentIIm3";
            case 0x56 -> "pentIIm5";
            case 0xa -> "pentium4";
            default -> "i386";
        };
    }

    private static String arm(int sub) {
        return switch (sub) {
            case 5 -> "armv4t";
            case 6 -> "armv6";
            case 7 -> "armv5";
            case 8 -> "xscale";
            case 9 -> "armv7";
            case 10 -> "armv7f";
            case 11 -> "armv7s";
            case 12 -> "armv7k";
            case 13 -> "armv8";
            case 14 -> "armv6m";
            case 15 -> "armv7m";
            case 16 -> "armv7em";
            default -> "arm";
        };
    }

    private static String ppc(int sub) {
        return switch (sub) {
            case 1 -> "ppc601";
            case 3 -> "ppc603";
            case 4 -> "ppc603e";
            case 5 -> "ppc603ev";
            case 6 -> "ppc604";
            case 7 -> "ppc604e";
            case 8 -> "ppc620";
            case 9 -> "ppc750";
            case 10 -> "ppc7400";
            case 11 -> "ppc7450";
            case 100 -> "ppc970";
            default -> "ppc";
        };
    }
}
