package dev.execray.exec.kernel;

import dev.execray.binary.ByteSource;
import dev.execray.binary.elf.ElfField;
import dev.execray.binary.elf.ElfType;
import java.nio.ByteOrder;

/**
 * The ELF file header as one kernel ELF handler reads it: laid out in the handler's class (Elf32 or
 * Elf64) and read in the CPU's byte order, whatever EI_CLASS and EI_DATA say. That is exactly what
 * struct elfhdr over bprm->buf gives load_elf_binary(), and why a big-endian file fails the machine
 * check on a little-endian kernel rather than being refused for its EI_DATA.
 */
public record KernelElfHeader(int elfClass, byte[] ident, int type, int machine, long version, long entry, long phoff,
        long shoff, long flags, int ehsize, int phentsize, int phnum) {

    /** sizeof(Elf32_Ehdr) or sizeof(Elf64_Ehdr). */
    public static int size(int elfClass) {
        return ElfField.Struct.EHDR.size(elfClass == 64);
    }

    /** sizeof(Elf32_Phdr) or sizeof(Elf64_Phdr). */
    public static int phdrSize(int elfClass) {
        return ElfField.Struct.PHDR.size(elfClass == 64);
    }

    /** Reads the header from the start of {@code bytes} (at least {@link #size} bytes, zero-padded). */
    public static KernelElfHeader read(byte[] bytes, int elfClass, ByteOrder order) {
        ByteSource s = ByteSource.of(bytes).withOrder(order);
        boolean is64 = elfClass == 64;
        byte[] ident = s.bytes(0, ElfField.EI_NIDENT, "e_ident");
        return new KernelElfHeader(is64 ? 64 : 32, ident, (int) ElfField.E_TYPE.read(s, 0, is64, "e_type"),
                (int) ElfField.E_MACHINE.read(s, 0, is64, "e_machine"), ElfField.E_VERSION.read(s, 0, is64, "e_version"),
                ElfField.E_ENTRY.read(s, 0, is64, "e_entry"), ElfField.E_PHOFF.read(s, 0, is64, "e_phoff"),
                ElfField.E_SHOFF.read(s, 0, is64, "e_shoff"), ElfField.E_FLAGS.read(s, 0, is64, "e_flags"),
                (int) ElfField.E_EHSIZE.read(s, 0, is64, "e_ehsize"),
                (int) ElfField.E_PHENTSIZE.read(s, 0, is64, "e_phentsize"),
                (int) ElfField.E_PHNUM.read(s, 0, is64, "e_phnum"));
    }

    public boolean hasElfMagic() {
        return ElfField.hasMagic(ident);
    }

    /** EI_CLASS as written in the file: 1 for 32-bit, 2 for 64-bit. */
    public int identClass() {
        return ident[ElfField.EI_CLASS] & 0xff;
    }

    public int identData() {
        return ident[ElfField.EI_DATA] & 0xff;
    }

    public int osabi() {
        return ident[ElfField.EI_OSABI] & 0xff;
    }

    /** ET_EXEC: mapped at its own addresses. */
    public boolean isExec() {
        return type == ElfType.EXEC.value();
    }

    /** ET_DYN: a PIE, a shared object or a loader, mapped at a chosen base. */
    public boolean isDyn() {
        return type == ElfType.DYN.value();
    }
}
