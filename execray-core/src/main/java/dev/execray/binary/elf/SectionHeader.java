package dev.execray.binary.elf;

/**
 * One section header (Elf32_Shdr / Elf64_Shdr) with its name resolved from the section-name string
 * table ({@code name} is empty when it could not be; the problem is recorded in
 * {@link ElfFile#sectionProblems()}).
 */
public record SectionHeader(
        int index,
        long nameOffset,
        String name,
        Coded<SectionType> type,
        long flags,
        long addr,
        long offset,
        long size,
        long link,
        long info,
        long addralign,
        long entsize) {

    public static final long SHF_WRITE = 0x1;
    public static final long SHF_ALLOC = 0x2;
    public static final long SHF_EXECINSTR = 0x4;
    public static final long SHF_MERGE = 0x10;
    public static final long SHF_STRINGS = 0x20;
    public static final long SHF_INFO_LINK = 0x40;
    public static final long SHF_LINK_ORDER = 0x80;
    public static final long SHF_OS_NONCONFORMING = 0x100;
    public static final long SHF_GROUP = 0x200;
    public static final long SHF_TLS = 0x400;
    public static final long SHF_COMPRESSED = 0x800;
    public static final long SHF_GNU_RETAIN = 0x200000;
    public static final long SHF_EXCLUDE = 0x80000000L;

    public boolean isCompressed() {
        return (flags & SHF_COMPRESSED) != 0;
    }

    public boolean isAlloc() {
        return (flags & SHF_ALLOC) != 0;
    }

    /** True when the section occupies bytes in the file (everything but SHT_NOBITS and SHT_NULL). */
    public boolean hasFileBytes() {
        return !type.is(SectionType.NOBITS) && !type.is(SectionType.NULL);
    }
}
