package dev.execray.exec.kernel;

import static dev.execray.binary.elf.ElfMachine.AARCH64;
import static dev.execray.binary.elf.ElfMachine.ARM;
import static dev.execray.binary.elf.ElfMachine.EM_386;
import static dev.execray.binary.elf.ElfMachine.IAMCU;
import static dev.execray.binary.elf.ElfMachine.LOONGARCH;
import static dev.execray.binary.elf.ElfMachine.MIPS;
import static dev.execray.binary.elf.ElfMachine.PPC;
import static dev.execray.binary.elf.ElfMachine.PPC64;
import static dev.execray.binary.elf.ElfMachine.RISCV;
import static dev.execray.binary.elf.ElfMachine.S390;
import static dev.execray.binary.elf.ElfMachine.S390_OLD;
import static dev.execray.binary.elf.ElfMachine.X86_64;

import dev.execray.binary.elf.ElfClass;
import dev.execray.binary.elf.OsAbi;
import dev.execray.place.Arch;
import dev.execray.place.KernelFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One of the kernel's ELF handlers on an architecture: the native binfmt_elf, or compat_binfmt_elf
 * that runs 32-bit programs on a 64-bit kernel. Each has its ELF class and its own elf_check_arch()
 * (K: arch/ARCH/include/asm/elf.h; arm's in arch/arm/kernel/elf.c, arm64's compat one in
 * arch/arm64/kernel/process.c, riscv's in arch/riscv/kernel/process.c).
 */
public record ElfHandler(String name, Arch arch, int elfClass, boolean compat, String description) {

    /** The handlers an architecture's kernel tries, in order, with the features that enable compat ones. */
    public static List<ElfHandler> forArch(Arch arch, KernelFeatures f) {
        List<ElfHandler> out = new ArrayList<>();
        out.add(new ElfHandler("binfmt_elf", arch, arch.elfClass(), false, "native " + arch.elfClass() + "-bit ELF"));
        boolean compat = switch (arch) {
            case AMD64 -> true;
            case ARM64 -> f.aarch32();
            case PPC64 -> true;
            default -> false;
        };
        if (compat) {
            out.add(new ElfHandler("compat_binfmt_elf", arch, 32, true, "32-bit compat ELF"));
        }
        return out;
    }

    /**
     * elf_check_arch() (or compat_elf_check_arch()) of this handler: empty when the header is accepted,
     * else why it is not.
     */
    public Optional<Mismatch> checkArch(KernelElfHeader h, KernelFeatures f) {
        int m = h.machine();
        if (!compat) {
            return switch (arch) {
                case AMD64 -> m == X86_64.value() ? ok() : no("e_machine " + m + " is not EM_X86_64 (62)");
                case I386 -> is386(m) ? ok() : no("e_machine " + m + " is not EM_386 (3) or EM_486 (6)");
                case ARM64 -> m == AARCH64.value() ? ok() : no("e_machine " + m + " is not EM_AARCH64 (183)");
                case ARM -> armCheck(h);
                case RISCV64 -> m != RISCV.value() ? no("e_machine " + m + " is not EM_RISCV (243)")
                        : h.identClass() != ElfClass.ELF64.value() ? no("EI_CLASS " + h.identClass() + " is not ELFCLASS64") : ok();
                case PPC64, PPC64LE -> m == PPC64.value() ? ok() : no("e_machine " + m + " is not EM_PPC64 (21)");
                case S390X -> m != S390.value() && m != S390_OLD.value() ? no("e_machine " + m + " is not EM_S390 (22)")
                        : h.identClass() != ElfClass.ELF64.value() ? no("EI_CLASS " + h.identClass() + " is not ELFCLASS64") : ok();
                case LOONG64 -> m != LOONGARCH.value() ? no("e_machine " + m + " is not EM_LOONGARCH (258)")
                        : h.identClass() != ElfClass.ELF64.value() ? no("EI_CLASS " + h.identClass() + " is not ELFCLASS64") : ok();
                case MIPS64LE, MIPSLE -> m != MIPS.value() ? no("e_machine " + m + " is not EM_MIPS (8)")
                        : h.identClass() != (arch.elfClass() == 64 ? ElfClass.ELF64 : ElfClass.ELF32).value()
                                ? no("EI_CLASS " + h.identClass() + " does not match this MIPS kernel") : ok();
            };
        }
        return switch (arch) {
            case AMD64 -> {
                if (is386(m) && f.ia32Emulation()) {
                    yield ok();
                }
                if (m == X86_64.value() && f.x32()) {
                    yield ok();
                }
                if (is386(m)) {
                    yield noCompat("32-bit x86 emulation (CONFIG_IA32_EMULATION / ia32_emulation=) is off");
                }
                yield no("e_machine " + m + " is not EM_386 (3) or EM_486 (6)" + (m == X86_64.value() ? " and x32 is disabled" : ""));
            }
            case ARM64 -> m != ARM.value() ? no("e_machine " + m + " is not EM_ARM (40)")
                    : (h.flags() & 0xff000000L) == 0 ? no("an old-ABI (OABI) ARM binary: e_flags has no EABI version")
                    : ok();
            case PPC64 -> m == PPC.value() ? ok() : no("e_machine " + m + " is not EM_PPC (20)");
            default -> no("no compat handler");
        };
    }

    /** arch/arm/kernel/elf.c: EM_ARM, a plausible entry address, and an EABI or supported float format. */
    private Optional<Mismatch> armCheck(KernelElfHeader h) {
        if (h.machine() != ARM.value()) {
            return no("e_machine " + h.machine() + " is not EM_ARM (40)");
        }
        if ((h.entry() & 1) == 0 && (h.entry() & 3) != 0) {
            return no("the entry address 0x" + Long.toHexString(h.entry()) + " is neither ARM nor Thumb aligned");
        }
        return ok();
    }

    /** elf_check_fdpic(): ARM FDPIC binaries (EI_OSABI 65) are for the FDPIC loader, not this one. */
    public boolean isFdpic(KernelElfHeader h) {
        return arch == Arch.ARM && !compat && h.osabi() == OsAbi.ARM_FDPIC.value();
    }

    /** ELF_MIN_ALIGN: the larger of ELF_EXEC_PAGESIZE and PAGE_SIZE; it also caps the program header table. */
    public int minAlign(int pageSize) {
        int execPageSize = switch (arch) {
            case AMD64, I386, ARM -> 4096;
            default -> pageSize;
        };
        if (compat && arch == Arch.AMD64) {
            execPageSize = 4096;
        }
        return Math.max(execPageSize, pageSize);
    }

    /** TASK_SIZE for this handler's processes (approximate for architectures with several VA sizes). */
    public long taskSize() {
        if (elfClass == 32) {
            return arch == Arch.AMD64 ? 0xffffe000L : 0x100000000L;
        }
        return switch (arch) {
            case AMD64 -> 0x7ffffffff000L;
            case ARM64 -> 1L << 48;
            case RISCV64 -> 1L << 47;
            default -> 1L << 46;
        };
    }

    /** Why this handler is not the file's; {@code noCompat} when only disabled 32-bit support stands in the way. */
    public record Mismatch(String why, boolean noCompat) {
    }

    /** EM_386, or EM_486 (6, since renamed EM_IAMCU), which the kernel still accepts as i386. */
    private static boolean is386(int m) {
        return m == EM_386.value() || m == IAMCU.value();
    }

    private static Optional<Mismatch> ok() {
        return Optional.empty();
    }

    private static Optional<Mismatch> no(String why) {
        return Optional.of(new Mismatch(why, false));
    }

    private static Optional<Mismatch> noCompat(String why) {
        return Optional.of(new Mismatch(why, true));
    }
}
