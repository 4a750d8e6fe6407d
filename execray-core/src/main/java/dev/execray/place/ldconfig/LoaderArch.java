package dev.execray.place.ldconfig;

import static dev.execray.binary.elf.ElfClass.ELF32;
import static dev.execray.binary.elf.ElfClass.ELF64;
import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

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
    X86_64(elf(ELF64, LITTLE_ENDIAN, ElfMachine.X86_64),
            new Glibc("/lib64/ld-linux-x86-64.so.2", "x86_64-linux-gnu", List.of("/lib64/", "/usr/lib64/"),
                    List.of("x86-64-v4", "x86-64-v3", "x86-64-v2"), 4),
            new Cache(0x303, List.of(0x303), 8), "x86_64", kernel("linux-vdso.so.1", "x86_64"), new Relocs(7, 5)),
    I386(elf(ELF32, LITTLE_ENDIAN, ElfMachine.EM_386),
            new Glibc("/lib/ld-linux.so.2", "i386-linux-gnu", List.of("/lib/", "/usr/lib/"), List.of(), 4),
            new Cache(3, List.of(1, 3), 4), "i386", kernel("linux-gate.so.1", "i686"), new Relocs(7, 5)),
    X32(elf(ELF32, LITTLE_ENDIAN, ElfMachine.X86_64),
            new Glibc("/libx32/ld-linux-x32.so.2", "x86_64-linux-gnux32", List.of("/libx32/", "/usr/libx32/"),
                    List.of("x86-64-v4", "x86-64-v3", "x86-64-v2"), 4),
            new Cache(0x803, List.of(0x803), 8), "x32", kernel("linux-vdso.so.1", "x86_64"), new Relocs(7, 5)),
    AARCH64(elf(ELF64, LITTLE_ENDIAN, ElfMachine.AARCH64),
            new Glibc("/lib/ld-linux-aarch64.so.1", "aarch64-linux-gnu", List.of("/lib/", "/usr/lib/"), List.of(), 3),
            new Cache(0xa03, List.of(0xa03), 8), "aarch64", kernel("linux-vdso.so.1", "aarch64"),
            new Relocs(1026, 1024)),
    AARCH64_BE(elf(ELF64, BIG_ENDIAN, ElfMachine.AARCH64),
            new Glibc("/lib/ld-linux-aarch64_be.so.1", "aarch64_be-linux-gnu", List.of("/lib/", "/usr/lib/"),
                    List.of(), 3),
            new Cache(0xa03, List.of(0xa03), 8), "aarch64_be", kernel("linux-vdso.so.1", "aarch64_be"),
            new Relocs(1026, 1024)),
    ARM_HF(elf(ELF32, LITTLE_ENDIAN, ElfMachine.ARM),
            new Glibc("/lib/ld-linux-armhf.so.3", "arm-linux-gnueabihf", List.of("/lib/", "/usr/lib/"), List.of(), 3),
            new Cache(0x903, List.of(0x903, 3), 8), "armhf", kernel("linux-vdso.so.1", "v7l"), new Relocs(22, 20)),
    ARM_SF(elf(ELF32, LITTLE_ENDIAN, ElfMachine.ARM),
            new Glibc("/lib/ld-linux.so.3", "arm-linux-gnueabi", List.of("/lib/", "/usr/lib/"), List.of(), 3),
            new Cache(0xb03, List.of(0xb03, 3), 8), "arm", kernel("linux-vdso.so.1", "v7l"), new Relocs(22, 20)),
    PPC64LE(elf(ELF64, LITTLE_ENDIAN, ElfMachine.PPC64),
            new Glibc("/lib64/ld64.so.2", "powerpc64le-linux-gnu", List.of("/lib64/", "/usr/lib64/"),
                    List.of("power10", "power9"), 4),
            new Cache(0x503, List.of(0x503), 8), "powerpc64le", kernel("linux-vdso64.so.1", "power8"),
            new Relocs(21, 19)),
    PPC64(elf(ELF64, BIG_ENDIAN, ElfMachine.PPC64),
            new Glibc("/lib64/ld64.so.1", "powerpc64-linux-gnu", List.of("/lib64/", "/usr/lib64/"), List.of(), 4),
            new Cache(0x503, List.of(0x503), 8), "powerpc64", kernel("linux-vdso64.so.1", "power8"),
            new Relocs(21, 19)),
    PPC(elf(ELF32, BIG_ENDIAN, ElfMachine.PPC),
            new Glibc("/lib/ld.so.1", "powerpc-linux-gnu", List.of("/lib/", "/usr/lib/"), List.of(), 4),
            new Cache(3, List.of(1, 3), 8), "powerpc", kernel("linux-vdso32.so.1", "ppc"), new Relocs(21, 19)),
    S390X(elf(ELF64, BIG_ENDIAN, ElfMachine.S390),
            new Glibc("/lib/ld64.so.1", "s390x-linux-gnu", List.of("/lib64/", "/usr/lib64/"),
                    List.of("z16", "z15", "z14", "z13"), 3),
            new Cache(0x403, List.of(0x403), 8), "s390x", kernel("linux-vdso64.so.1", "z13"), new Relocs(11, 9)),
    RISCV64(elf(ELF64, LITTLE_ENDIAN, ElfMachine.RISCV),
            new Glibc("/lib/ld-linux-riscv64-lp64d.so.1", "riscv64-linux-gnu",
                    List.of("/lib64/lp64d/", "/usr/lib64/lp64d/"), List.of(), 4),
            new Cache(0x1003, List.of(0x1003), 8), "riscv64", new Kernel("linux-vdso.so.1", Optional.empty()),
            new Relocs(5, 4)),
    LOONGARCH64(elf(ELF64, LITTLE_ENDIAN, ElfMachine.LOONGARCH),
            new Glibc("/lib64/ld-linux-loongarch-lp64d.so.1", "loongarch64-linux-gnu", List.of("/lib64/", "/usr/lib64/"),
                    List.of(), 3),
            new Cache(0x1203, List.of(0x1203), 8), "loongarch64", kernel("linux-vdso.so.1", "loongarch"),
            new Relocs(5, 4));

    /** What the loader's objects say in their ELF header: e_ident's class and data, and e_machine. */
    public record Elf(ElfClass elfClass, ByteOrder order, ElfMachine machine) {
    }

    /**
     * glibc's facts: the PT_INTERP name ({@code shlib-versions}), the Debian multiarch triplet, upstream's trusted
     * directories ({@code slibdir} and {@code libdir}, each ending in /), the glibc-hwcaps subdirectories searched
     * first, best first, and the largest EI_ABIVERSION (exclusive) accepted for ELFOSABI_GNU objects
     * ({@code LIBC_ABI_MAX}).
     */
    public record Glibc(String interpreter, String multiarch, List<String> upstreamSystemDirs,
                        List<String> hwcapsSubdirs, int abiVersionLimit) {
    }

    /**
     * ld.so.cache: the flags of this architecture's entries, the flags the loader accepts, and the alignment of the
     * new-format part after an old-format one in a combined file.
     */
    public record Cache(int defaultId, List<Integer> accepted, int combinedAlignment) {
    }

    /** The kernel's side: the vDSO's soname and the AT_PLATFORM string (empty where it passes none). */
    public record Kernel(String vdsoName, Optional<String> platform) {
    }

    /** The relocation types that decide binding: JUMP_SLOT (bound lazily by glibc) and COPY. */
    public record Relocs(int plt, int copy) {
    }

    private final Elf elf;
    private final Glibc glibc;
    private final Cache cache;
    private final String muslArch;
    private final Kernel kernel;
    private final Relocs relocs;

    LoaderArch(Elf elf, Glibc glibc, Cache cache, String muslArch, Kernel kernel, Relocs relocs) {
        this.elf = elf;
        this.glibc = glibc;
        this.cache = cache;
        this.muslArch = muslArch;
        this.kernel = kernel;
        this.relocs = relocs;
    }

    private static Elf elf(ElfClass elfClass, ByteOrder order, ElfMachine machine) {
        return new Elf(elfClass, order, machine);
    }

    private static Kernel kernel(String vdsoName, String platform) {
        return new Kernel(vdsoName, Optional.of(platform));
    }

    public Elf elf() {
        return elf;
    }

    public Glibc glibc() {
        return glibc;
    }

    public Cache cache() {
        return cache;
    }

    public Kernel kernel() {
        return kernel;
    }

    public Relocs relocs() {
        return relocs;
    }

    /** EI_CLASS of the loader's objects: 1 (ELFCLASS32) or 2 (ELFCLASS64). */
    public int elfClass() {
        return elf.elfClass().value();
    }

    public ByteOrder order() {
        return elf.order();
    }

    public int machine() {
        return (int) elf.machine().value();
    }

    public int cacheDefaultId() {
        return cache.defaultId();
    }

    public List<Integer> cacheAccepted() {
        return cache.accepted();
    }

    /** Upstream glibc's trusted directories ({@code slibdir} and {@code libdir}, each ending in /). */
    public List<String> upstreamSystemDirs() {
        return glibc.upstreamSystemDirs();
    }

    /** Debian's default search path: multiarch directories first, then /lib and /usr/lib. */
    public List<String> debianSystemDirs() {
        return List.of("/lib/" + glibc.multiarch() + "/", "/usr/lib/" + glibc.multiarch() + "/", "/lib/", "/usr/lib/");
    }

    public String multiarch() {
        return glibc.multiarch();
    }

    public List<String> hwcapsSubdirs() {
        return glibc.hwcapsSubdirs();
    }

    public String glibcInterpreter() {
        return glibc.interpreter();
    }

    public String muslArch() {
        return muslArch;
    }

    public String muslInterpreter() {
        return "/lib/ld-musl-" + muslArch + ".so.1";
    }

    public String vdsoName() {
        return kernel.vdsoName();
    }

    /** The AT_PLATFORM string the kernel passes (empty where it passes none). */
    public Optional<String> platform() {
        return kernel.platform();
    }

    public int pltRelocType() {
        return relocs.plt();
    }

    public int copyRelocType() {
        return relocs.copy();
    }

    public int combinedCacheAlignment() {
        return cache.combinedAlignment();
    }

    /** Largest EI_ABIVERSION (exclusive) glibc accepts for ELFOSABI_GNU objects ({@code LIBC_ABI_MAX}). */
    public int gnuAbiVersionLimit() {
        return glibc.abiVersionLimit();
    }

    /**
     * {@code elf_machine_matches_host}: whether a file of this class, machine and e_flags is one this
     * architecture's loader maps (class is checked separately; a wrong class is "wrong ELF class").
     */
    public boolean machineMatches(int fileMachine, long eFlags) {
        if (fileMachine != elf.machine().value() && !(this == S390X && fileMachine == ElfMachine.S390_OLD.value())) {
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
        String base = baseName(interp);
        for (LoaderArch a : values()) {
            if (base.equals(baseName(a.glibcInterpreter())) || base.equals(baseName(a.muslInterpreter()))) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    private static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The architecture of an ELF file from its class, byte order, machine and flags. */
    public static Optional<LoaderArch> of(int elfClass, ByteOrder order, int machine, long eFlags) {
        for (LoaderArch a : values()) {
            if (a.elf.elfClass().value() == elfClass && a.elf.order() == order && a.elf.machine().value() == machine) {
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
