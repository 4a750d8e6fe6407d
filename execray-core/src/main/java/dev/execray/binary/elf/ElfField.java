package dev.execray.binary.elf;

import dev.execray.binary.ByteSource;

/**
 * The fields of the ELF structures that more than one stage reads, each with its offset and width in the
 * 32-bit and the 64-bit layout, as the System V ABI's structs (and glibc's {@code elf.h}) declare them. The
 * way Go's debug/elf takes offsets from its structs, the kernel's raw header view, the loaders' in-place
 * symbol lookups and their version walks take them from here, so a layout is written once; each stage
 * keeps only its own rules (which fields it checks, in which byte order, with which bounds).
 */
public enum ElfField {
    // Elf32_Ehdr / Elf64_Ehdr
    E_IDENT(Struct.EHDR, 0, 16, 0, 16),
    E_TYPE(Struct.EHDR, 16, 2, 16, 2),
    E_MACHINE(Struct.EHDR, 18, 2, 18, 2),
    E_VERSION(Struct.EHDR, 20, 4, 20, 4),
    E_ENTRY(Struct.EHDR, 24, 4, 24, 8),
    E_PHOFF(Struct.EHDR, 28, 4, 32, 8),
    E_SHOFF(Struct.EHDR, 32, 4, 40, 8),
    E_FLAGS(Struct.EHDR, 36, 4, 48, 4),
    E_EHSIZE(Struct.EHDR, 40, 2, 52, 2),
    E_PHENTSIZE(Struct.EHDR, 42, 2, 54, 2),
    E_PHNUM(Struct.EHDR, 44, 2, 56, 2),
    E_SHENTSIZE(Struct.EHDR, 46, 2, 58, 2),
    E_SHNUM(Struct.EHDR, 48, 2, 60, 2),
    E_SHSTRNDX(Struct.EHDR, 50, 2, 62, 2),
    // Elf32_Phdr / Elf64_Phdr: p_flags moves to the second word in the 64-bit layout
    P_TYPE(Struct.PHDR, 0, 4, 0, 4),
    P_OFFSET(Struct.PHDR, 4, 4, 8, 8),
    P_VADDR(Struct.PHDR, 8, 4, 16, 8),
    P_PADDR(Struct.PHDR, 12, 4, 24, 8),
    P_FILESZ(Struct.PHDR, 16, 4, 32, 8),
    P_MEMSZ(Struct.PHDR, 20, 4, 40, 8),
    P_FLAGS(Struct.PHDR, 24, 4, 4, 4),
    P_ALIGN(Struct.PHDR, 28, 4, 48, 8),
    // Elf32_Sym / Elf64_Sym: the 64-bit layout puts the small fields first
    ST_NAME(Struct.SYM, 0, 4, 0, 4),
    ST_VALUE(Struct.SYM, 4, 4, 8, 8),
    ST_SIZE(Struct.SYM, 8, 4, 16, 8),
    ST_INFO(Struct.SYM, 12, 1, 4, 1),
    ST_OTHER(Struct.SYM, 13, 1, 5, 1),
    ST_SHNDX(Struct.SYM, 14, 2, 6, 2),
    // Elf32_Dyn / Elf64_Dyn
    D_TAG(Struct.DYN, 0, 4, 0, 8),
    D_VAL(Struct.DYN, 4, 4, 8, 8),
    // Elf32_Rel(a) / Elf64_Rel(a): r_info (symbol and type) follows r_offset
    R_INFO(Struct.REL, 4, 4, 8, 8),
    // Elfxx_Verneed and Elfxx_Vernaux (the same in both classes)
    VN_VERSION(Struct.VERNEED, 0, 2, 0, 2),
    VN_CNT(Struct.VERNEED, 2, 2, 2, 2),
    VN_FILE(Struct.VERNEED, 4, 4, 4, 4),
    VN_AUX(Struct.VERNEED, 8, 4, 8, 4),
    VN_NEXT(Struct.VERNEED, 12, 4, 12, 4),
    VNA_HASH(Struct.VERNAUX, 0, 4, 0, 4),
    VNA_FLAGS(Struct.VERNAUX, 4, 2, 4, 2),
    VNA_OTHER(Struct.VERNAUX, 6, 2, 6, 2),
    VNA_NAME(Struct.VERNAUX, 8, 4, 8, 4),
    VNA_NEXT(Struct.VERNAUX, 12, 4, 12, 4),
    // Elfxx_Verdef and Elfxx_Verdaux (the same in both classes)
    VD_VERSION(Struct.VERDEF, 0, 2, 0, 2),
    VD_FLAGS(Struct.VERDEF, 2, 2, 2, 2),
    VD_NDX(Struct.VERDEF, 4, 2, 4, 2),
    VD_CNT(Struct.VERDEF, 6, 2, 6, 2),
    VD_HASH(Struct.VERDEF, 8, 4, 8, 4),
    VD_AUX(Struct.VERDEF, 12, 4, 12, 4),
    VD_NEXT(Struct.VERDEF, 16, 4, 16, 4),
    VDA_NAME(Struct.VERDAUX, 0, 4, 0, 4),
    VDA_NEXT(Struct.VERDAUX, 4, 4, 4, 4),
    // the DT_GNU_HASH header (bfd's and glibc's layout); the bloom words follow it, each of the class's width
    GH_NBUCKETS(Struct.GNU_HASH, 0, 4, 0, 4),
    GH_SYMOFFSET(Struct.GNU_HASH, 4, 4, 4, 4),
    GH_BLOOM_SIZE(Struct.GNU_HASH, 8, 4, 8, 4),
    GH_BLOOM_SHIFT(Struct.GNU_HASH, 12, 4, 12, 4),
    // the DT_HASH header; buckets then chains follow it, 4 bytes each (8 on 64-bit s390 and Alpha)
    H_NBUCKET(Struct.HASH, 0, 4, 0, 4),
    H_NCHAIN(Struct.HASH, 4, 4, 4, 4);

    /** Indexes into e_ident. */
    public static final int EI_CLASS = 4;
    public static final int EI_DATA = 5;
    public static final int EI_VERSION = 6;
    public static final int EI_OSABI = 7;
    public static final int EI_ABIVERSION = 8;
    /** The first padding byte; padding runs to the end of e_ident (EI_NIDENT, 16). */
    public static final int EI_PAD = 9;
    public static final int EI_NIDENT = 16;
    /** EV_CURRENT, the only version of e_ident[EI_VERSION] and e_version. */
    public static final int EV_CURRENT = 1;

    private static final byte[] MAGIC = {0x7f, 'E', 'L', 'F'};

    /** Whether {@code head} starts with ELFMAG ("\177ELF"). */
    public static boolean hasMagic(byte[] head) {
        return head.length >= MAGIC.length && head[0] == MAGIC[0] && head[1] == MAGIC[1] && head[2] == MAGIC[2]
                && head[3] == MAGIC[3];
    }

    /** The structures and their sizes in each class. */
    public enum Struct {
        EHDR(52, 64),
        PHDR(32, 56),
        SYM(16, 24),
        DYN(8, 16),
        /** Elf_Rel; an Elf_Rela adds r_addend, one word more. */
        REL(8, 16),
        VERNEED(16, 16),
        VERNAUX(16, 16),
        VERDEF(20, 20),
        VERDAUX(8, 8),
        GNU_HASH(16, 16),
        HASH(8, 8);

        private final int size32;
        private final int size64;

        Struct(int size32, int size64) {
            this.size32 = size32;
            this.size64 = size64;
        }

        /** sizeof the structure in the 64-bit layout ({@code is64}) or the 32-bit one. */
        public int size(boolean is64) {
            return is64 ? size64 : size32;
        }
    }

    private final Struct struct;
    private final int offset32;
    private final int width32;
    private final int offset64;
    private final int width64;

    ElfField(Struct struct, int offset32, int width32, int offset64, int width64) {
        this.struct = struct;
        this.offset32 = offset32;
        this.width32 = width32;
        this.offset64 = offset64;
        this.width64 = width64;
    }

    public Struct struct() {
        return struct;
    }

    /** The field's offset from the start of its structure. */
    public int offset(boolean is64) {
        return is64 ? offset64 : offset32;
    }

    /** The field's width in bytes. */
    public int width(boolean is64) {
        return is64 ? width64 : width32;
    }

    /**
     * The field of the structure at {@code base}, unsigned, in {@code src}'s byte order; a read past the
     * end throws the {@code BinaryFormatException} naming {@code structure}. (E_IDENT is bytes: use
     * {@link ByteSource#bytes}.)
     */
    public long read(ByteSource src, long base, boolean is64, String structure) {
        long at = base + offset(is64);
        return switch (width(is64)) {
            case 1 -> src.u8(at, structure);
            case 2 -> src.u16(at, structure);
            case 4 -> src.u32(at, structure);
            case 8 -> src.u64(at, structure);
            default -> throw new IllegalStateException(name() + " is " + width(is64) + " bytes, not a number");
        };
    }
}
