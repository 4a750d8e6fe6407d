package dev.execray.binary.elf;

/**
 * The ELF file header (Elf32_Ehdr / Elf64_Ehdr) as stored. The counts {@code phnum}, {@code shnum}
 * and {@code shstrndx} are the raw fields: with extended numbering they hold PN_XNUM, 0 or SHN_XINDEX
 * and the real values sit in section 0 ({@link ElfFile#programHeaderCount()},
 * {@link ElfFile#sectionCount()}, {@link ElfFile#sectionNameTableIndex()}).
 */
public record ElfHeader(
        ElfClass elfClass,
        ElfData data,
        int identVersion,
        Coded<OsAbi> osAbi,
        int abiVersion,
        Coded<ElfType> type,
        Coded<ElfMachine> machine,
        long version,
        long entry,
        long phoff,
        long shoff,
        long flags,
        int ehsize,
        int phentsize,
        int phnum,
        int shentsize,
        int shnum,
        int shstrndx,
        byte[] ident) {

    public static final int PN_XNUM = 0xffff;
    public static final int SHN_XINDEX = 0xffff;

    public ElfHeader {
        ident = ident.clone();
    }

    /** The 16 bytes of e_ident. */
    @Override
    public byte[] ident() {
        return ident.clone();
    }

    public boolean is64() {
        return elfClass == ElfClass.ELF64;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ElfHeader h && java.util.Arrays.equals(ident, h.ident) && elfClass == h.elfClass
                && data == h.data && identVersion == h.identVersion && osAbi.equals(h.osAbi)
                && abiVersion == h.abiVersion && type.equals(h.type) && machine.equals(h.machine)
                && version == h.version && entry == h.entry && phoff == h.phoff && shoff == h.shoff
                && flags == h.flags && ehsize == h.ehsize && phentsize == h.phentsize && phnum == h.phnum
                && shentsize == h.shentsize && shnum == h.shnum && shstrndx == h.shstrndx;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(machine, type, entry, phoff, shoff, java.util.Arrays.hashCode(ident));
    }

    @Override
    public String toString() {
        return "ElfHeader[" + elfClass + " " + data + " " + type.name() + " " + machine.name() + " entry=0x"
                + Long.toHexString(entry) + "]";
    }
}
