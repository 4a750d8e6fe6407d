package dev.execray.exec.ld;

import dev.execray.binary.ByteSource;
import dev.execray.binary.elf.ElfClass;
import dev.execray.binary.elf.ElfData;
import dev.execray.binary.elf.ElfField;
import dev.execray.binary.elf.ElfType;
import dev.execray.binary.elf.OsAbi;
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

    /** glibc's open_verify on the first bytes of a file of {@code size} bytes. */
    public static Verdict glibc(byte[] head, long size, LoaderArch arch) {
        boolean is64 = is64(arch);
        int ehdrSize = ElfField.Struct.EHDR.size(is64);
        if (size < ehdrSize || head.length < ehdrSize) {
            return new Fatal("file too short");
        }
        int wantData = arch.order() == ByteOrder.LITTLE_ENDIAN ? ElfData.LSB.value() : ElfData.MSB.value();
        int osabi = head[ElfField.EI_OSABI] & 0xff;
        int abiVersion = head[ElfField.EI_ABIVERSION] & 0xff;
        int elfClass = head[ElfField.EI_CLASS] & 0xff;
        int data = head[ElfField.EI_DATA] & 0xff;
        boolean versionOk = (head[ElfField.EI_VERSION] & 0xff) == ElfField.EV_CURRENT;
        boolean identOk = ElfField.hasMagic(head) && elfClass == arch.elfClass() && data == wantData
                && versionOk && osabiOk(osabi, arch) && abiVersionOk(osabi, abiVersion, arch)
                && paddingZero(head);
        if (!identOk) {
            if (!ElfField.hasMagic(head)) {
                return new Fatal("invalid ELF header");
            }
            if (elfClass != arch.elfClass()) {
                return new WrongClass(elfClass);
            }
            if (data != wantData) {
                return new Fatal(wantData == ElfData.MSB.value() ? "ELF file data encoding not big-endian"
                        : "ELF file data encoding not little-endian");
            }
            if (!versionOk) {
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
        if (id.eVersion() != ElfField.EV_CURRENT) {
            return new Fatal("ELF file version does not match current one");
        }
        if (!arch.machineMatches(id.machine(), id.eFlags())) {
            return new WrongMachine(id.machine());
        }
        if (!id.isDyn() && !id.isExec()) {
            return new Fatal("only ET_DYN and ET_EXEC can be loaded");
        }
        int phent = ElfField.Struct.PHDR.size(is64);
        if (id.phentsize() != phent) {
            return new Fatal("ELF file's phentsize not the expected size");
        }
        ByteSource h = ByteSource.of(head).withOrder(arch.order());
        long phoff = ElfField.E_PHOFF.read(h, 0, is64, "e_phoff");
        int phnum = (int) ElfField.E_PHNUM.read(h, 0, is64, "e_phnum");
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
        boolean is64 = is64(arch);
        int ehdrSize = ElfField.Struct.EHDR.size(is64);
        if (size < ehdrSize || head.length < ehdrSize) {
            return new Fatal("Exec format error");
        }
        ByteSource h = ByteSource.of(head).withOrder(arch.order());
        long type = ElfField.E_TYPE.read(h, 0, is64, "e_type");
        if (type != ElfType.DYN.value() && type != ElfType.EXEC.value()) {
            return new Fatal("Exec format error");
        }
        if ((head[ElfField.EI_CLASS] & 0xff) != arch.elfClass() || !ElfField.hasMagic(head)) {
            // a file of the other class has its program header fields elsewhere; musl's reads go astray
            return new Fatal("Exec format error");
        }
        ElfIdentity id = identity(head, arch.order(), arch.elfClass());
        long phoff = ElfField.E_PHOFF.read(h, 0, is64, "e_phoff");
        int phnum = (int) ElfField.E_PHNUM.read(h, 0, is64, "e_phnum");
        if (phoff < 0 || phoff + (long) phnum * id.phentsize() > size) {
            return new Fatal("Exec format error");
        }
        if (!arch.machineMatches(id.machine(), id.eFlags())) {
            return new WrongMachine(id.machine());
        }
        return new Ok(id);
    }

    /** The identification fields of a header that is at least {@code ehdrSize} bytes long. */
    public static ElfIdentity identity(byte[] head, ByteOrder order, int elfClass) {
        boolean is64 = elfClass == ElfClass.ELF64.value();
        ByteSource h = ByteSource.of(head).withOrder(order);
        return new ElfIdentity(head[ElfField.EI_CLASS] & 0xff, head[ElfField.EI_DATA] & 0xff,
                head[ElfField.EI_VERSION] & 0xff, head[ElfField.EI_OSABI] & 0xff, head[ElfField.EI_ABIVERSION] & 0xff,
                paddingZero(head), (int) ElfField.E_TYPE.read(h, 0, is64, "e_type"),
                (int) ElfField.E_MACHINE.read(h, 0, is64, "e_machine"), ElfField.E_FLAGS.read(h, 0, is64, "e_flags"),
                (int) ElfField.E_VERSION.read(h, 0, is64, "e_version"),
                (int) ElfField.E_PHENTSIZE.read(h, 0, is64, "e_phentsize"));
    }

    private static boolean is64(LoaderArch arch) {
        return arch.elfClass() == ElfClass.ELF64.value();
    }

    private static boolean paddingZero(byte[] h) {
        for (int i = ElfField.EI_PAD; i < ElfField.EI_NIDENT && i < h.length; i++) {
            if (h[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Linux glibc takes SYSV and GNU objects; 32-bit ARM also its own ABI number. */
    private static boolean osabiOk(int osabi, LoaderArch arch) {
        return osabi == OsAbi.NONE.value() || osabi == OsAbi.GNU.value()
                || (osabi == OsAbi.ARM.value() && (arch == LoaderArch.ARM_HF || arch == LoaderArch.ARM_SF));
    }

    private static boolean abiVersionOk(int osabi, int version, LoaderArch arch) {
        return version == 0 || (osabi == OsAbi.GNU.value() && version < arch.gnuAbiVersionLimit());
    }
}
