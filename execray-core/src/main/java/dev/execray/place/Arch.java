package dev.execray.place;

import dev.execray.binary.elf.ElfMachine;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Linux CPU architectures as the kernel's ELF loader sees them: the machine number its native
 * handler accepts, the ELF class and byte order it reads headers in, the page sizes a kernel for it
 * can be built with, and the name qemu-user uses for it. Names accepted on the command line are the
 * GOARCH name, the {@code uname -m} name and the Debian name.
 */
public enum Arch {
    AMD64("amd64", "x86_64", ElfMachine.X86_64, 64, Endian.LITTLE, List.of(4096), "x86_64", "amd64", "x86-64"),
    I386("386", "i686", ElfMachine.EM_386, 32, Endian.LITTLE, List.of(4096), "i386", "i386", "i686", "x86"),
    ARM64("arm64", "aarch64", ElfMachine.AARCH64, 64, Endian.LITTLE, List.of(4096, 16384, 65536), "aarch64", "aarch64"),
    ARM("arm", "armv7l", ElfMachine.ARM, 32, Endian.LITTLE, List.of(4096), "arm", "armhf", "armel", "armv7l", "armv6l"),
    RISCV64("riscv64", "riscv64", ElfMachine.RISCV, 64, Endian.LITTLE, List.of(4096), "riscv64"),
    PPC64LE("ppc64le", "ppc64le", ElfMachine.PPC64, 64, Endian.LITTLE, List.of(65536, 4096), "ppc64le", "ppc64el"),
    PPC64("ppc64", "ppc64", ElfMachine.PPC64, 64, Endian.BIG, List.of(65536, 4096), "ppc64"),
    S390X("s390x", "s390x", ElfMachine.S390, 64, Endian.BIG, List.of(4096), "s390x"),
    LOONG64("loong64", "loongarch64", ElfMachine.LOONGARCH, 64, Endian.LITTLE, List.of(16384, 4096, 65536), "loongarch64"),
    MIPS64LE("mips64le", "mips64", ElfMachine.MIPS, 64, Endian.LITTLE, List.of(4096, 16384, 65536), "mips64el", "mips64el"),
    MIPSLE("mipsle", "mips", ElfMachine.MIPS, 32, Endian.LITTLE, List.of(4096, 16384), "mipsel", "mipsel");

    private final String goarch;
    private final String uname;
    private final ElfMachine elfMachine;
    private final int elfClass;
    private final Endian endian;
    private final List<Integer> pageSizes;
    private final String qemuName;
    private final List<String> aliases;

    Arch(String goarch, String uname, ElfMachine elfMachine, int elfClass, Endian endian, List<Integer> pageSizes,
            String qemuName, String... aliases) {
        this.goarch = goarch;
        this.uname = uname;
        this.elfMachine = elfMachine;
        this.elfClass = elfClass;
        this.endian = endian;
        this.pageSizes = pageSizes;
        this.qemuName = qemuName;
        this.aliases = List.of(aliases);
    }

    public String goarch() {
        return goarch;
    }

    /** What {@code uname -m} prints on this architecture. */
    public String uname() {
        return uname;
    }

    /** The e_machine the native ELF handler accepts (EM_X86_64, EM_AARCH64, ...), as the number. */
    public int elfMachine() {
        return (int) elfMachine.value();
    }

    /** 32 or 64: the ELF class of the native handler. */
    public int elfClass() {
        return elfClass;
    }

    public Endian endian() {
        return endian;
    }

    /** Page sizes a kernel for this architecture can be configured with; the first is the usual one. */
    public List<Integer> pageSizes() {
        return pageSizes;
    }

    public int defaultPageSize() {
        return pageSizes.get(0);
    }

    /** The architecture name in qemu-user's binaries and binfmt entries (qemu-aarch64). */
    public String qemuName() {
        return qemuName;
    }

    /** The architecture whose native ELF handler takes this e_machine, class and byte order. */
    public static Optional<Arch> ofElf(int machine, int elfClass, boolean littleEndian) {
        for (Arch a : values()) {
            if (a.elfMachine.value() == machine && a.elfClass == elfClass && (a.endian == Endian.LITTLE) == littleEndian) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    public static Optional<Arch> parse(String s) {
        String v = s.toLowerCase(Locale.ROOT);
        for (Arch a : values()) {
            if (a.goarch.equals(v) || a.uname.equals(v) || a.aliases.contains(v)) {
                return Optional.of(a);
            }
        }
        if (v.matches("i[3-6]86")) {
            return Optional.of(I386);
        }
        if (v.startsWith("armv")) {
            return Optional.of(ARM);
        }
        return Optional.empty();
    }
}
