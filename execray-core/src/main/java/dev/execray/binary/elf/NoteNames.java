package dev.execray.binary.elf;

import java.util.HashMap;
import java.util.Map;

/**
 * The note type names GNU readelf 2.40 prints: they depend on the owner name (matched by prefix, as
 * readelf does), on whether the file is a core dump, and for unknown types fall back to
 * "Unknown note type: (0x...)".
 */
final class NoteNames {
    private static final Map<Long, String> CORE = new HashMap<>();

    static {
        // get_note_type(), core files
        CORE.put(0x6L, "NT_AUXV (auxiliary vector)");
        CORE.put(0x1L, "NT_PRSTATUS (prstatus structure)");
        CORE.put(0x2L, "NT_FPREGSET (floating point registers)");
        CORE.put(0x3L, "NT_PRPSINFO (prpsinfo structure)");
        CORE.put(0x4L, "NT_TASKSTRUCT (task structure)");
        CORE.put(0xff000000L, "NT_GDB_TDESC (GDB XML target description)");
        CORE.put(0x46e62b7fL, "NT_PRXFPREG (user_xfpregs structure)");
        CORE.put(0x100L, "NT_PPC_VMX (ppc Altivec registers)");
        CORE.put(0x102L, "NT_PPC_VSX (ppc VSX registers)");
        CORE.put(0x103L, "NT_PPC_TAR (ppc TAR register)");
        CORE.put(0x104L, "NT_PPC_PPR (ppc PPR register)");
        CORE.put(0x105L, "NT_PPC_DSCR (ppc DSCR register)");
        CORE.put(0x106L, "NT_PPC_EBB (ppc EBB registers)");
        CORE.put(0x107L, "NT_PPC_PMU (ppc PMU registers)");
        CORE.put(0x108L, "NT_PPC_TM_CGPR (ppc checkpointed GPR registers)");
        CORE.put(0x109L, "NT_PPC_TM_CFPR (ppc checkpointed floating point registers)");
        CORE.put(0x10aL, "NT_PPC_TM_CVMX (ppc checkpointed Altivec registers)");
        CORE.put(0x10bL, "NT_PPC_TM_CVSX (ppc checkpointed VSX registers)");
        CORE.put(0x10cL, "NT_PPC_TM_SPR (ppc TM special purpose registers)");
        CORE.put(0x10dL, "NT_PPC_TM_CTAR (ppc checkpointed TAR register)");
        CORE.put(0x10eL, "NT_PPC_TM_CPPR (ppc checkpointed PPR register)");
        CORE.put(0x10fL, "NT_PPC_TM_CDSCR (ppc checkpointed DSCR register)");
        CORE.put(0x200L, "NT_386_TLS (x86 TLS information)");
        CORE.put(0x201L, "NT_386_IOPERM (x86 I/O permissions)");
        CORE.put(0x202L, "NT_X86_XSTATE (x86 XSAVE extended state)");
        CORE.put(0x203L, "NT_X86_CET (x86 CET state)");
        CORE.put(0x300L, "NT_S390_HIGH_GPRS (s390 upper register halves)");
        CORE.put(0x301L, "NT_S390_TIMER (s390 timer register)");
        CORE.put(0x302L, "NT_S390_TODCMP (s390 TOD comparator register)");
        CORE.put(0x303L, "NT_S390_TODPREG (s390 TOD programmable register)");
        CORE.put(0x304L, "NT_S390_CTRS (s390 control registers)");
        CORE.put(0x305L, "NT_S390_PREFIX (s390 prefix register)");
        CORE.put(0x306L, "NT_S390_LAST_BREAK (s390 last breaking event address)");
        CORE.put(0x307L, "NT_S390_SYSTEM_CALL (s390 system call restart data)");
        CORE.put(0x308L, "NT_S390_TDB (s390 transaction diagnostic block)");
        CORE.put(0x309L, "NT_S390_VXRS_LOW (s390 vector registers 0-15 upper half)");
        CORE.put(0x30aL, "NT_S390_VXRS_HIGH (s390 vector registers 16-31)");
        CORE.put(0x30bL, "NT_S390_GS_CB (s390 guarded-storage registers)");
        CORE.put(0x30cL, "NT_S390_GS_BC (s390 guarded-storage broadcast control)");
        CORE.put(0x400L, "NT_ARM_VFP (arm VFP registers)");
        CORE.put(0x401L, "NT_ARM_TLS (AArch TLS registers)");
        CORE.put(0x402L, "NT_ARM_HW_BREAK (AArch hardware breakpoint registers)");
        CORE.put(0x403L, "NT_ARM_HW_WATCH (AArch hardware watchpoint registers)");
        CORE.put(0x404L, "NT_ARM_SYSTEM_CALL (AArch system call number)");
        CORE.put(0x405L, "NT_ARM_SVE (AArch SVE registers)");
        CORE.put(0x406L, "NT_ARM_PAC_MASK (AArch pointer authentication code masks)");
        CORE.put(0x407L, "NT_ARM_PACA_KEYS (ARM pointer authentication address keys)");
        CORE.put(0x408L, "NT_ARM_PACG_KEYS (ARM pointer authentication generic keys)");
        CORE.put(0x409L, "NT_ARM_TAGGED_ADDR_CTRL (AArch tagged address control)");
        CORE.put(0x40aL, "NT_ARM_PAC_ENABLED_KEYS (AArch64 pointer authentication enabled keys)");
        CORE.put(0x600L, "NT_ARC_V2 (ARC HS accumulator/extra registers)");
        CORE.put(0x900L, "NT_RISCV_CSR (RISC-V control and status registers)");
        CORE.put(0xaL, "NT_PSTATUS (pstatus structure)");
        CORE.put(0xcL, "NT_FPREGS (floating point registers)");
        CORE.put(0xdL, "NT_PSINFO (psinfo structure)");
        CORE.put(0x10L, "NT_LWPSTATUS (lwpstatus_t structure)");
        CORE.put(0x11L, "NT_LWPSINFO (lwpsinfo_t structure)");
        CORE.put(0x12L, "NT_WIN32PSTATUS (win32_pstatus structure)");
        CORE.put(0x53494749L, "NT_SIGINFO (siginfo_t data)");
        CORE.put(0x46494c45L, "NT_FILE (mapped files)");
    }

    private NoteNames() {
    }

    static String typeName(String owner, long type, boolean namePresent, boolean core) {
        if (!namePresent) {
            return generic(type, core);
        }
        if (owner.startsWith("GNU")) {
            return gnu(type);
        }
        if (owner.startsWith("AMDGPU")) {
            return type == 32 ? "NT_AMDGPU_METADATA (code object metadata)" : unknown(type);
        }
        if (owner.startsWith("FreeBSD")) {
            String s = freeBsd(type);
            return s != null ? s : generic(type, core);
        }
        if (owner.startsWith("NetBSD-CORE")) {
            return netBsdCore(type);
        }
        if (owner.startsWith("NetBSD") || owner.startsWith("PaX")) {
            return netBsd(type);
        }
        if (owner.startsWith("OpenBSD")) {
            String s = openBsd(type);
            return s != null ? s : generic(type, core);
        }
        if (owner.startsWith("SPU/")) {
            return owner.substring(4);
        }
        if (owner.startsWith("stapsdt")) {
            return type == 3 ? "NT_STAPSDT (SystemTap probe descriptors)" : unknown(type);
        }
        return generic(type, core);
    }

    static String unknown(long type) {
        return String.format("Unknown note type: (0x%08x)", type);
    }

    private static String generic(long type, boolean core) {
        if (core) {
            String s = CORE.get(type);
            return s != null ? s : unknown(type);
        }
        return switch ((int) type) {
            case 1 -> "NT_VERSION (version)";
            case 2 -> "NT_ARCH (architecture)";
            case 0x100 -> "OPEN";
            case 0x101 -> "func";
            case 4 -> "GO BUILDID";
            case 0xcafe1a7e -> "FDO_PACKAGING_METADATA";
            default -> unknown(type);
        };
    }

    private static String gnu(long type) {
        return switch ((int) type) {
            case 1 -> "NT_GNU_ABI_TAG (ABI version tag)";
            case 2 -> "NT_GNU_HWCAP (DSO-supplied software HWCAP info)";
            case 3 -> "NT_GNU_BUILD_ID (unique build ID bitstring)";
            case 4 -> "NT_GNU_GOLD_VERSION (gold version)";
            case 5 -> "NT_GNU_PROPERTY_TYPE_0";
            case 0x100 -> "NT_GNU_BUILD_ATTRIBUTE_OPEN";
            case 0x101 -> "NT_GNU_BUILD_ATTRIBUTE_FUNC";
            default -> unknown(type);
        };
    }

    private static String freeBsd(long type) {
        return switch ((int) type) {
            case 7 -> "NT_THRMISC (thrmisc structure)";
            case 8 -> "NT_PROCSTAT_PROC (proc data)";
            case 9 -> "NT_PROCSTAT_FILES (files data)";
            case 10 -> "NT_PROCSTAT_VMMAP (vmmap data)";
            case 11 -> "NT_PROCSTAT_GROUPS (groups data)";
            case 12 -> "NT_PROCSTAT_UMASK (umask data)";
            case 13 -> "NT_PROCSTAT_RLIMIT (rlimit data)";
            case 14 -> "NT_PROCSTAT_OSREL (osreldate data)";
            case 15 -> "NT_PROCSTAT_PSSTRINGS (ps_strings data)";
            case 16 -> "NT_PROCSTAT_AUXV (auxv data)";
            case 17 -> "NT_PTLWPINFO (ptrace_lwpinfo structure)";
            case 0x200 -> "NT_X86_SEGBASES (x86 segment base registers)";
            default -> null;
        };
    }

    private static String openBsd(long type) {
        return switch ((int) type) {
            case 10 -> "OpenBSD procinfo structure";
            case 11 -> "OpenBSD ELF auxiliary vector data";
            case 20 -> "OpenBSD regular registers";
            case 21 -> "OpenBSD floating point registers";
            case 23 -> "OpenBSD window cookie";
            default -> null;
        };
    }

    private static String netBsdCore(long type) {
        return switch ((int) type) {
            case 1 -> "NetBSD procinfo structure";
            case 2 -> "NetBSD ELF auxiliary vector data";
            case 24 -> "PT_LWPSTATUS (ptrace_lwpstatus structure)";
            default -> unknown(type);
        };
    }

    /** readelf prints NetBSD identification notes in its own format; these are the words it uses. */
    private static String netBsd(long type) {
        return switch ((int) type) {
            case 1 -> "IDENT";
            case 3 -> "PaX";
            case 5 -> "MARCH";
            default -> unknown(type);
        };
    }
}
