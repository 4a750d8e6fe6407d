package dev.execray.exec.kernel;

import dev.execray.binary.ByteSource;

/** One program header as the kernel reads it (struct elf_phdr in the handler's class). */
public record KernelPhdr(int index, long type, long flags, long offset, long vaddr, long filesz, long memsz, long align) {

    public static final long PT_LOAD = 1;
    public static final long PT_INTERP = 3;
    public static final long PT_GNU_STACK = 0x6474e551L;
    public static final long PT_GNU_PROPERTY = 0x6474e553L;
    public static final long PF_X = 1;
    public static final long PF_W = 2;
    public static final long PF_R = 4;

    static KernelPhdr read(ByteSource s, long at, int elfClass, int index) {
        if (elfClass == 64) {
            return new KernelPhdr(index, s.u32(at, "p_type"), s.u32(at + 4, "p_flags"), s.u64(at + 8, "p_offset"),
                    s.u64(at + 16, "p_vaddr"), s.u64(at + 32, "p_filesz"), s.u64(at + 40, "p_memsz"),
                    s.u64(at + 48, "p_align"));
        }
        return new KernelPhdr(index, s.u32(at, "p_type"), s.u32(at + 24, "p_flags"), s.u32(at + 4, "p_offset"),
                s.u32(at + 8, "p_vaddr"), s.u32(at + 16, "p_filesz"), s.u32(at + 20, "p_memsz"), s.u32(at + 28, "p_align"));
    }

    public String permissions() {
        return ((flags & PF_R) != 0 ? "R" : "-") + ((flags & PF_W) != 0 ? "W" : "-") + ((flags & PF_X) != 0 ? "X" : "-");
    }
}
