package dev.execray.exec.kernel;

import dev.execray.binary.ByteSource;
import java.nio.ByteOrder;

/**
 * The ELF file header as one kernel ELF handler reads it: laid out in the handler's class (Elf32 or
 * Elf64) and read in the CPU's byte order, whatever EI_CLASS and EI_DATA say. That is exactly what
 * struct elfhdr over bprm->buf gives load_elf_binary(), and why a big-endian file fails the machine
 * check on a little-endian kernel rather than being refused for its EI_DATA.
 */
public record KernelElfHeader(int elfClass, byte[] ident, int type, int machine, long version, long entry, long phoff,
        long shoff, long flags, int ehsize, int phentsize, int phnum) {

    public static final int ET_EXEC = 2;
    public static final int ET_DYN = 3;

    /** sizeof(Elf32_Ehdr) or sizeof(Elf64_Ehdr). */
    public static int size(int elfClass) {
        return elfClass == 64 ? 64 : 52;
    }

    /** sizeof(Elf32_Phdr) or sizeof(Elf64_Phdr). */
    public static int phdrSize(int elfClass) {
        return elfClass == 64 ? 56 : 32;
    }

    /** Reads the header from the start of {@code bytes} (at least {@link #size} bytes, zero-padded). */
    public static KernelElfHeader read(byte[] bytes, int elfClass, ByteOrder order) {
        ByteSource s = ByteSource.of(bytes).withOrder(order);
        byte[] ident = s.bytes(0, 16, "e_ident");
        int type = s.u16(16, "e_type");
        int machine = s.u16(18, "e_machine");
        long version = s.u32(20, "e_version");
        if (elfClass == 64) {
            return new KernelElfHeader(64, ident, type, machine, version, s.u64(24, "e_entry"), s.u64(32, "e_phoff"),
                    s.u64(40, "e_shoff"), s.u32(48, "e_flags"), s.u16(52, "e_ehsize"), s.u16(54, "e_phentsize"),
                    s.u16(56, "e_phnum"));
        }
        return new KernelElfHeader(32, ident, type, machine, version, s.u32(24, "e_entry"), s.u32(28, "e_phoff"),
                s.u32(32, "e_shoff"), s.u32(36, "e_flags"), s.u16(40, "e_ehsize"), s.u16(42, "e_phentsize"),
                s.u16(44, "e_phnum"));
    }

    public boolean hasElfMagic() {
        return ident[0] == 0x7f && ident[1] == 'E' && ident[2] == 'L' && ident[3] == 'F';
    }

    /** EI_CLASS as written in the file: 1 for 32-bit, 2 for 64-bit. */
    public int identClass() {
        return ident[4] & 0xff;
    }

    public int identData() {
        return ident[5] & 0xff;
    }

    public int osabi() {
        return ident[7] & 0xff;
    }
}
