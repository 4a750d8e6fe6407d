package dev.execray.exec.ld;

import dev.execray.place.ldconfig.LoaderArch;
import java.nio.ByteOrder;

/**
 * The checks a loader makes on a candidate file before mapping it, with the loader's own messages:
 * glibc's {@code open_verify} ({@code elf/dl-load.c}: a wrong class or machine is skipped and the search
 * goes on, anything else wrong is fatal) and musl's {@code map_library} (only the size and e_type; any
 * failure is ENOEXEC and ends the search for that name).
 */
public final class HeaderCheck {
    private HeaderCheck() {
    }

    /** The verdict on one candidate. */
    public sealed interface Verdict permits Ok, WrongClass, WrongMachine, Fatal {
    }

    public record Ok(ElfIdentity identity) implements Verdict {
    }

    /** Skipped by glibc; remembered for the "wrong ELF class" message if nothing else is found. */
    public record WrongClass(int elfClass) implements Verdict {
    }

    /** Skipped by glibc as if the file did not exist. */
    public record WrongMachine(int machine) implements Verdict {
    }

    /** Stops the loader: {@code message} is what it prints after the file name. */
    public record Fatal(String message) implements Verdict {
    }

    static final byte[] MAGIC = {0x7f, 'E', 'L', 'F'};
    static final int ELFOSABI_SYSV = 0;
    static final int ELFOSABI_GNU = 3;
    static final int ELFOSABI_ARM = 97;

    /** glibc's open_verify on the first bytes of a file of {@code size} bytes. */
    public static Verdict glibc(byte[] head, long size, LoaderArch arch) {
        int ehdrSize = arch.elfClass() == ElfIdentity.CLASS64 ? 64 : 52;
        if (size < ehdrSize || head.length < ehdrSize) {
            return new Fatal("file too short");
        }
        int wantData = arch.order() == ByteOrder.LITTLE_ENDIAN ? ElfIdentity.DATA_LSB : ElfIdentity.DATA_MSB;
        int osabi = head[7] & 0xff;
        int abiVersion = head[8] & 0xff;
        boolean identOk = magicOk(head) && (head[4] & 0xff) == arch.elfClass() && (head[5] & 0xff) == wantData
                && (head[6] & 0xff) == 1 && osabiOk(osabi, arch) && abiVersionOk(osabi, abiVersion, arch)
                && paddingZero(head);
        if (!identOk) {
            if (!magicOk(head)) {
                return new Fatal("invalid ELF header");
            }
            if ((head[4] & 0xff) != arch.elfClass()) {
                return new WrongClass(head[4] & 0xff);
            }
            if ((head[5] & 0xff) != wantData) {
                return new Fatal(wantData == ElfIdentity.DATA_MSB ? "ELF file data encoding not big-endian"
                        : "ELF file data encoding not little-endian");
            }
            if ((head[6] & 0xff) != 1) {
                return new Fatal("ELF file version ident does not match current one");
            }
            if (!osabiOk(osabi, arch)) {
                return new Fatal("ELF file OS ABI invalid");
            }
            if (!abiVersionOk(osabi, abiVersion, arch)) {
                return new Fatal("ELF file ABI version invalid");
            }
            return new Fatal("nonzero padding in e_ident");
        }
        ElfIdentity id = identity(head, arch.order(), arch.elfClass());
        if (id.eVersion() != 1) {
            return new Fatal("ELF file version does not match current one");
        }
        if (!arch.machineMatches(id.machine(), id.eFlags())) {
            return new WrongMachine(id.machine());
        }
        if (id.type() != ElfIdentity.ET_DYN && id.type() != ElfIdentity.ET_EXEC) {
            return new Fatal("only ET_DYN and ET_EXEC can be loaded");
        }
        int phent = arch.elfClass() == ElfIdentity.CLASS64 ? 56 : 32;
        if (id.phentsize() != phent) {
            return new Fatal("ELF file's phentsize not the expected size");
        }
        long phoff = arch.elfClass() == ElfIdentity.CLASS64 ? u64(head, 32, arch.order()) : u32(head, 28, arch.order());
        int phnum = u16(head, arch.elfClass() == ElfIdentity.CLASS64 ? 56 : 44, arch.order());
        long end = phoff + (long) phnum * phent;
        if (phoff < 0 || end > size) {
            return new Fatal("cannot read file data");
        }
        return new Ok(id);
    }

    /**
     * musl's map_library: fewer bytes than an ELF header of the loader's class, or a type other than
     * ET_EXEC/ET_DYN, is ENOEXEC; it checks neither the magic nor the machine.
     */
    public static Verdict musl(byte[] head, long size, LoaderArch arch) {
        int ehdrSize = arch.elfClass() == ElfIdentity.CLASS64 ? 64 : 52;
        if (size < ehdrSize || head.length < ehdrSize) {
            return new Fatal("Exec format error");
        }
        int type = u16(head, 16, arch.order());
        if (type != ElfIdentity.ET_DYN && type != ElfIdentity.ET_EXEC) {
            return new Fatal("Exec format error");
        }
        if ((head[4] & 0xff) != arch.elfClass() || !magicOk(head)) {
            // a file of the other class has its program header fields elsewhere; musl's reads go astray
            return new Fatal("Exec format error");
        }
        ElfIdentity id = identity(head, arch.order(), arch.elfClass());
        long phoff = arch.elfClass() == ElfIdentity.CLASS64 ? u64(head, 32, arch.order()) : u32(head, 28, arch.order());
        int phnum = u16(head, arch.elfClass() == ElfIdentity.CLASS64 ? 56 : 44, arch.order());
        if (phoff < 0 || phoff + (long) phnum * id.phentsize() > size) {
            return new Fatal("Exec format error");
        }
        if (!arch.machineMatches(id.machine(), id.eFlags())) {
            return new WrongMachine(id.machine());
        }
        return new Ok(id);
    }

    /** The identification fields of a header that is at least {@code ehdrSize} bytes long. */
    public static ElfIdentity identity(byte[] h, ByteOrder order, int elfClass) {
        boolean is64 = elfClass == ElfIdentity.CLASS64;
        return new ElfIdentity(h[4] & 0xff, h[5] & 0xff, h[6] & 0xff, h[7] & 0xff, h[8] & 0xff, paddingZero(h),
                u16(h, 16, order), u16(h, 18, order), u32(h, is64 ? 48 : 36, order), (int) u32(h, 20, order),
                u16(h, is64 ? 54 : 42, order));
    }

    static boolean magicOk(byte[] h) {
        return h.length >= 4 && h[0] == MAGIC[0] && h[1] == MAGIC[1] && h[2] == MAGIC[2] && h[3] == MAGIC[3];
    }

    private static boolean paddingZero(byte[] h) {
        for (int i = 9; i < 16 && i < h.length; i++) {
            if (h[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Linux glibc takes SYSV and GNU objects; 32-bit ARM also its own ABI number. */
    private static boolean osabiOk(int osabi, LoaderArch arch) {
        return osabi == ELFOSABI_SYSV || osabi == ELFOSABI_GNU
                || (osabi == ELFOSABI_ARM && (arch == LoaderArch.ARM_HF || arch == LoaderArch.ARM_SF));
    }

    private static boolean abiVersionOk(int osabi, int version, LoaderArch arch) {
        return version == 0 || (osabi == ELFOSABI_GNU && version < arch.gnuAbiVersionLimit());
    }

    static int u16(byte[] b, int at, ByteOrder o) {
        int x = b[at] & 0xff;
        int y = b[at + 1] & 0xff;
        return o == ByteOrder.LITTLE_ENDIAN ? x | y << 8 : x << 8 | y;
    }

    static long u32(byte[] b, int at, ByteOrder o) {
        long lo = u16(b, at, o);
        long hi = u16(b, at + 2, o);
        return o == ByteOrder.LITTLE_ENDIAN ? lo | hi << 16 : lo << 16 | hi;
    }

    static long u64(byte[] b, int at, ByteOrder o) {
        long lo = u32(b, at, o);
        long hi = u32(b, at + 4, o);
        return o == ByteOrder.LITTLE_ENDIAN ? lo | hi << 32 : lo << 32 | hi;
    }
}
