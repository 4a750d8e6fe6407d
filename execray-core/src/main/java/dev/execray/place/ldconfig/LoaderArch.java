package dev.execray.place.ldconfig;

import dev.execray.binary.elf.ElfClass;
import dev.execray.binary.elf.ElfMachine;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

/**
 * Per-architecture facts of the Linux dynamic loaders (glibc and musl), each with its source:
 * ELF class, byte order and e_machine ({@code elf_machine_matches_host} in glibc's
 * {@code sysdeps/ARCH/dl-machine.h}); the ld.so.cache flags the loader accepts
 * ({@code sysdeps/unix/sysv/linux/ARCH/dl-cache.h}); upstream {@code slibdir}/{@code libdir} that make the
 * default search path when the interpreter cannot be read ({@code configure}, {@code Makeconfig});
 * the Debian multiarch triplet; the glibc-hwcaps subdirectories ({@code sysdeps/ARCH/dl-hwcaps-subdirs.c});
 * interpreter names ({@code shlib-versions}); musl's {@code LDSO_ARCH}; the kernel's vDSO name; and the
 * PLT and copy relocation types that decide lazy binding.
 */
public enum LoaderArch {
    X86_64(ElfClass.ELF64, ByteOrder.LITTLE_ENDIAN, ElfMachine.X86_64, 0x303, List.of(0x303), List.of("/lib64/", "/usr/lib64/"),
            "x86_64-linux-gnu", List.of("x86-64-v4", "x86-64-v3", "x86-64-v2"), "/lib64/ld-linux-x86-64.so.2",
            "x86_64", "linux-vdso.so.1", "x86_64", 7, 5, 8, 4),
    I386(ElfClass.ELF32, ByteOrder.LITTLE_ENDIAN, ElfMachine.EM_386, 3, List.of(1, 3), List.of("/lib/", "/usr/lib/"),
            "i386-linux-gnu", List.of(), "/lib/ld-linux.so.2", "i386", "linux-gate.so.1", "i686", 7, 5, 4, 4),
    X32(ElfClass.ELF32, ByteOrder.LITTLE_ENDIAN, ElfMachine.X86_64, 0x803, List.of(0x803), List.of("/libx32/", "/usr/libx32/"),
            "x86_64-linux-gnux32", List.of("x86-64-v4", "x86-64-v3", "x86-64-v2"), "/libx32/ld-linux-x32.so.2",
            "x32", "linux-vdso.so.1", "x86_64", 7, 5, 8, 4),
    AARCH64(ElfClass.ELF64, ByteOrder.LITTLE_ENDIAN, ElfMachine.AARCH64, 0xa03, List.of(0xa03), List.of("/lib/", "/usr/lib/"),
            "aarch64-linux-gnu", List.of(), "/lib/ld-linux-aarch64.so.1", "aarch64", "linux-vdso.so.1", "aarch64",
            1026, 1024, 8, 3),
    AARCH64_BE(ElfClass.ELF64, ByteOrder.BIG_ENDIAN, ElfMachine.AARCH64, 0xa03, List.of(0xa03), List.of("/lib/", "/usr/lib/"),
            "aarch64_be-linux-gnu", List.of(), "/lib/ld-linux-aarch64_be.so.1", "aarch64_be", "linux-vdso.so.1",
            "aarch64_be", 1026, 1024, 8, 3),
    ARM_HF(ElfClass.ELF32, ByteOrder.LITTLE_ENDIAN, ElfMachine.ARM, 0x903, List.of(0x903, 3), List.of("/lib/", "/usr/lib/"),
            "arm-linux-gnueabihf", List.of(), "/lib/ld-linux-armhf.so.3", "armhf", "linux-vdso.so.1", "v7l",
            22, 20, 8, 3),
    ARM_SF(ElfClass.ELF32, ByteOrder.LITTLE_ENDIAN, ElfMachine.ARM, 0xb03, List.of(0xb03, 3), List.of("/lib/", "/usr/lib/"),
            "arm-linux-gnueabi", List.of(), "/lib/ld-linux.so.3", "arm", "linux-vdso.so.1", "v7l", 22, 20, 8, 3),
    PPC64LE(ElfClass.ELF64, ByteOrder.LITTLE_ENDIAN, ElfMachine.PPC64, 0x503, List.of(0x503), List.of("/lib64/", "/usr/lib64/"),
            "powerpc64le-linux-gnu", List.of("power10", "power9"), "/lib64/ld64.so.2", "powerpc64le",
            "linux-vdso64.so.1", "power8", 21, 19, 8, 4),
    PPC64(ElfClass.ELF64, ByteOrder.BIG_ENDIAN, ElfMachine.PPC64, 0x503, List.of(0x503), List.of("/lib64/", "/usr/lib64/"),
            "powerpc64-linux-gnu", List.of(), "/lib64/ld64.so.1", "powerpc64", "linux-vdso64.so.1", "power8",
            21, 19, 8, 4),
    PPC(ElfClass.ELF32, ByteOrder.BIG_ENDIAN, ElfMachine.PPC, 3, List.of(1, 3), List.of("/lib/", "/usr/lib/"), "powerpc-linux-gnu",
            List.of(), "/lib/ld.so.1", "powerpc", "linux-vdso32.so.1", "ppc", 21, 19, 8, 4),
    S390X(ElfClass.ELF64, ByteOrder.BIG_ENDIAN, ElfMachine.S390, 0x403, List.of(0x403), List.of("/lib64/", "/usr/lib64/"),
            "s390x-linux-gnu", List.of("z16", "z15", "z14", "z13"), "/lib/ld64.so.1", "s390x", "linux-vdso64.so.1",
            "z13", 11, 9, 8, 3),
    RISCV64(ElfClass.ELF64, ByteOrder.LITTLE_ENDIAN, ElfMachine.RISCV, 0x1003, List.of(0x1003), List.of("/lib64/lp64d/", "/usr/lib64/lp64d/"),
            "riscv64-linux-gnu", List.of(), "/lib/ld-linux-riscv64-lp64d.so.1", "riscv64", "linux-vdso.so.1", null,
            5, 4, 8, 4),
    LOONGARCH64(ElfClass.ELF64, ByteOrder.LITTLE_ENDIAN, ElfMachine.LOONGARCH, 0x1203, List.of(0x1203), List.of("/lib64/", "/usr/lib64/"),
            "loongarch64-linux-gnu", List.of(), "/lib64/ld-linux-loongarch-lp64d.so.1", "loongarch64",
            "linux-vdso.so.1", "loongarch", 5, 4, 8, 3);

    private final ElfClass elfClass;
    private final ByteOrder order;
    private final ElfMachine machine;
    private final int cacheDefaultId;
    private final List<Integer> cacheAccepted;
    private final List<String> upstreamSystemDirs;
    private final String multiarch;
    private final List<String> hwcapsSubdirs;
    private final String glibcInterpreter;
    private final String muslArch;
    private final String vdsoName;
    private final String platform;
    private final int pltRelocType;
    private final int copyRelocType;
    private final int combinedCacheAlignment;
    private final int gnuAbiVersionLimit;

    LoaderArch(ElfClass elfClass, ByteOrder order, ElfMachine machine, int cacheDefaultId, List<Integer> cacheAccepted,
               List<String> upstreamSystemDirs, String multiarch, List<String> hwcapsSubdirs,
               String glibcInterpreter, String muslArch, String vdsoName, String platform, int pltRelocType,
               int copyRelocType, int combinedCacheAlignment, int gnuAbiVersionLimit) {
        this.elfClass = elfClass;
        this.order = order;
        this.machine = machine;
        this.cacheDefaultId = cacheDefaultId;
        this.cacheAccepted = cacheAccepted;
        this.upstreamSystemDirs = upstreamSystemDirs;
        this.multiarch = multiarch;
        this.hwcapsSubdirs = hwcapsSubdirs;
        this.glibcInterpreter = glibcInterpreter;
        this.muslArch = muslArch;
        this.vdsoName = vdsoName;
        this.platform = platform;
        this.pltRelocType = pltRelocType;
        this.copyRelocType = copyRelocType;
        this.combinedCacheAlignment = combinedCacheAlignment;
        this.gnuAbiVersionLimit = gnuAbiVersionLimit;
    }

    /** EI_CLASS of the loader's objects: 1 (ELFCLASS32) or 2 (ELFCLASS64). */
    public int elfClass() {
        return elfClass.value();
    }

    public ByteOrder order() {
        return order;
    }

    public int machine() {
        return (int) machine.value();
    }

    public int cacheDefaultId() {
        return cacheDefaultId;
    }

    public List<Integer> cacheAccepted() {
        return cacheAccepted;
    }

    /** Upstream glibc's trusted directories ({@code slibdir} and {@code libdir}, each ending in /). */
    public List<String> upstreamSystemDirs() {
        return upstreamSystemDirs;
    }

    /** Debian's default search path: multiarch directories first, then /lib and /usr/lib. */
    public List<String> debianSystemDirs() {
        return List.of("/lib/" + multiarch + "/", "/usr/lib/" + multiarch + "/", "/lib/", "/usr/lib/");
    }

    public String multiarch() {
        return multiarch;
    }

    public List<String> hwcapsSubdirs() {
        return hwcapsSubdirs;
    }

    public String glibcInterpreter() {
        return glibcInterpreter;
    }

    public String muslArch() {
        return muslArch;
    }

    public String muslInterpreter() {
        return "/lib/ld-musl-" + muslArch + ".so.1";
    }

    public String vdsoName() {
        return vdsoName;
    }

    /** The AT_PLATFORM string the kernel passes (empty where it passes none). */
    public Optional<String> platform() {
        return Optional.ofNullable(platform);
    }

    public int pltRelocType() {
        return pltRelocType;
    }

    public int copyRelocType() {
        return copyRelocType;
    }

    public int combinedCacheAlignment() {
        return combinedCacheAlignment;
    }

    /** Largest EI_ABIVERSION (exclusive) glibc accepts for ELFOSABI_GNU objects ({@code LIBC_ABI_MAX}). */
    public int gnuAbiVersionLimit() {
        return gnuAbiVersionLimit;
    }

    /**
     * {@code elf_machine_matches_host}: whether a file of this class, machine and e_flags is one this
     * architecture's loader maps (class is checked separately; a wrong class is "wrong ELF class").
     */
    public boolean machineMatches(int fileMachine, long eFlags) {
        if (fileMachine != machine.value() && !(this == S390X && fileMachine == ElfMachine.S390_OLD.value())) {
            return false;
        }
        return switch (this) {
            case PPC64LE -> (eFlags & 3) == 0 || (eFlags & 3) == 2;
            case PPC64 -> (eFlags & 3) == 0 || (eFlags & 3) == 1;
            case RISCV64 -> (eFlags & 0x6) == 0x4;
            default -> true;
        };
    }

    /** The architecture whose glibc or musl loader has this PT_INTERP name, if any. */
    public static Optional<LoaderArch> byInterpreter(String interp) {
        String base = interp.substring(interp.lastIndexOf('/') + 1);
        for (LoaderArch a : values()) {
            if (base.equals(a.glibcInterpreter.substring(a.glibcInterpreter.lastIndexOf('/') + 1))
                    || base.equals("ld-musl-" + a.muslArch + ".so.1")) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The architecture of an ELF file from its class, byte order, machine and flags. */
    public static Optional<LoaderArch> of(int elfClass, ByteOrder order, int machine, long eFlags) {
        for (LoaderArch a : values()) {
            if (a.elfClass.value() == elfClass && a.order == order && a.machine.value() == machine) {
                if (a == ARM_HF || a == ARM_SF) {
                    // EF_ARM_ABI_FLOAT_HARD (0x400) tells hard-float EABI objects apart
                    return Optional.of((eFlags & 0x400) != 0 ? ARM_HF : ARM_SF);
                }
                if (a == PPC64LE || a == PPC64) {
                    return Optional.of(order == ByteOrder.LITTLE_ENDIAN ? PPC64LE : PPC64);
                }
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
