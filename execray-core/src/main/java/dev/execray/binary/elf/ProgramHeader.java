package dev.execray.binary.elf;

/** One program header (Elf32_Phdr / Elf64_Phdr): a segment the kernel or loader acts on. */
public record ProgramHeader(
        int index,
        Coded<SegmentType> type,
        long flags,
        long offset,
        long vaddr,
        long paddr,
        long filesz,
        long memsz,
        long align) {

    public static final int PF_X = 1;
    public static final int PF_W = 2;
    public static final int PF_R = 4;

    public boolean isLoad() {
        return type.is(SegmentType.LOAD);
    }

    public boolean readable() {
        return (flags & PF_R) != 0;
    }

    public boolean writable() {
        return (flags & PF_W) != 0;
    }

    public boolean executable() {
        return (flags & PF_X) != 0;
    }

    /** The flags as readelf prints them: "R", "W", "E" or blanks in three columns. */
    public String flagString() {
        return (readable() ? "R" : " ") + (writable() ? "W" : " ") + (executable() ? "E" : " ");
    }

    /** True when the file bytes of this segment hold virtual address {@code address}. */
    public boolean holdsInFile(long address) {
        return Long.compareUnsigned(address, vaddr) >= 0 && Long.compareUnsigned(address - vaddr, filesz) < 0;
    }
}
