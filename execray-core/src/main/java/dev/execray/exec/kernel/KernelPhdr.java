package dev.execray.exec.kernel;

import dev.execray.binary.ByteSource;
import dev.execray.binary.elf.ElfField;
import dev.execray.binary.elf.ProgramHeader;
import dev.execray.binary.elf.SegmentType;

/** One program header as the kernel reads it (struct elf_phdr in the handler's class). */
public record KernelPhdr(int index, long type, long flags, long offset, long vaddr, long filesz, long memsz, long align) {

    static KernelPhdr read(ByteSource s, long at, int elfClass, int index) {
        boolean is64 = elfClass == 64;
        return new KernelPhdr(index, ElfField.P_TYPE.read(s, at, is64, "p_type"),
                ElfField.P_FLAGS.read(s, at, is64, "p_flags"), ElfField.P_OFFSET.read(s, at, is64, "p_offset"),
                ElfField.P_VADDR.read(s, at, is64, "p_vaddr"), ElfField.P_FILESZ.read(s, at, is64, "p_filesz"),
                ElfField.P_MEMSZ.read(s, at, is64, "p_memsz"), ElfField.P_ALIGN.read(s, at, is64, "p_align"));
    }

    /** Whether p_type is {@code t} (the kernel compares the number; no machine-specific meaning applies). */
    public boolean is(SegmentType t) {
        return type == t.value();
    }

    /** PF_X is set. */
    public boolean executable() {
        return (flags & ProgramHeader.PF_X) != 0;
    }

    public String permissions() {
        return ((flags & ProgramHeader.PF_R) != 0 ? "R" : "-") + ((flags & ProgramHeader.PF_W) != 0 ? "W" : "-")
                + (executable() ? "X" : "-");
    }
}
