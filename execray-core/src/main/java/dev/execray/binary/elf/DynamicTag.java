package dev.execray.binary.elf;

import java.util.List;

/**
 * d_tag values with the names GNU readelf 2.40 prints ({@code get_dynamic_type}); processor-specific
 * tags carry the machines they belong to.
 */
public enum DynamicTag implements ElfConstant {
    NULL(0x0L, "NULL"),
    NEEDED(0x1L, "NEEDED"),
    PLTRELSZ(0x2L, "PLTRELSZ"),
    PLTGOT(0x3L, "PLTGOT"),
    HASH(0x4L, "HASH"),
    STRTAB(0x5L, "STRTAB"),
    SYMTAB(0x6L, "SYMTAB"),
    RELA(0x7L, "RELA"),
    RELASZ(0x8L, "RELASZ"),
    RELAENT(0x9L, "RELAENT"),
    STRSZ(0xaL, "STRSZ"),
    SYMENT(0xbL, "SYMENT"),
    INIT(0xcL, "INIT"),
    FINI(0xdL, "FINI"),
    SONAME(0xeL, "SONAME"),
    RPATH(0xfL, "RPATH"),
    SYMBOLIC(0x10L, "SYMBOLIC"),
    REL(0x11L, "REL"),
    RELSZ(0x12L, "RELSZ"),
    RELENT(0x13L, "RELENT"),
    RELR(0x24L, "RELR"),
    RELRSZ(0x23L, "RELRSZ"),
    RELRENT(0x25L, "RELRENT"),
    PLTREL(0x14L, "PLTREL"),
    DEBUG(0x15L, "DEBUG"),
    TEXTREL(0x16L, "TEXTREL"),
    JMPREL(0x17L, "JMPREL"),
    BIND_NOW(0x18L, "BIND_NOW"),
    INIT_ARRAY(0x19L, "INIT_ARRAY"),
    FINI_ARRAY(0x1aL, "FINI_ARRAY"),
    INIT_ARRAYSZ(0x1bL, "INIT_ARRAYSZ"),
    FINI_ARRAYSZ(0x1cL, "FINI_ARRAYSZ"),
    RUNPATH(0x1dL, "RUNPATH"),
    FLAGS(0x1eL, "FLAGS"),
    PREINIT_ARRAY(0x20L, "PREINIT_ARRAY"),
    PREINIT_ARRAYSZ(0x21L, "PREINIT_ARRAYSZ"),
    SYMTAB_SHNDX(0x22L, "SYMTAB_SHNDX"),
    CHECKSUM(0x6ffffdf8L, "CHECKSUM"),
    PLTPADSZ(0x6ffffdf9L, "PLTPADSZ"),
    MOVEENT(0x6ffffdfaL, "MOVEENT"),
    MOVESZ(0x6ffffdfbL, "MOVESZ"),
    FEATURE(0x6ffffdfcL, "FEATURE"),
    POSFLAG_1(0x6ffffdfdL, "POSFLAG_1"),
    SYMINSZ(0x6ffffdfeL, "SYMINSZ"),
    SYMINENT(0x6ffffdffL, "SYMINENT"),
    ADDRRNGLO(0x6ffffe00L, "ADDRRNGLO"),
    CONFIG(0x6ffffefaL, "CONFIG"),
    DEPAUDIT(0x6ffffefbL, "DEPAUDIT"),
    AUDIT(0x6ffffefcL, "AUDIT"),
    PLTPAD(0x6ffffefdL, "PLTPAD"),
    MOVETAB(0x6ffffefeL, "MOVETAB"),
    SYMINFO(0x6ffffeffL, "SYMINFO"),
    VERSYM(0x6ffffff0L, "VERSYM"),
    TLSDESC_GOT(0x6ffffef7L, "TLSDESC_GOT"),
    TLSDESC_PLT(0x6ffffef6L, "TLSDESC_PLT"),
    RELACOUNT(0x6ffffff9L, "RELACOUNT"),
    RELCOUNT(0x6ffffffaL, "RELCOUNT"),
    FLAGS_1(0x6ffffffbL, "FLAGS_1"),
    VERDEF(0x6ffffffcL, "VERDEF"),
    VERDEFNUM(0x6ffffffdL, "VERDEFNUM"),
    VERNEED(0x6ffffffeL, "VERNEED"),
    VERNEEDNUM(0x6fffffffL, "VERNEEDNUM"),
    AUXILIARY(0x7ffffffdL, "AUXILIARY"),
    USED(0x7ffffffeL, "USED"),
    FILTER(0x7fffffffL, "FILTER"),
    GNU_PRELINKED(0x6ffffdf5L, "GNU_PRELINKED"),
    GNU_CONFLICT(0x6ffffef8L, "GNU_CONFLICT"),
    GNU_CONFLICTSZ(0x6ffffdf6L, "GNU_CONFLICTSZ"),
    GNU_LIBLIST(0x6ffffef9L, "GNU_LIBLIST"),
    GNU_LIBLISTSZ(0x6ffffdf7L, "GNU_LIBLISTSZ"),
    GNU_HASH(0x6ffffef5L, "GNU_HASH"),
    GNU_FLAGS_1(0x6ffffdf4L, "GNU_FLAGS_1"),
    AARCH64_BTI_PLT(0x70000001L, "AARCH64_BTI_PLT", ElfMachine.AARCH64),
    AARCH64_PAC_PLT(0x70000003L, "AARCH64_PAC_PLT", ElfMachine.AARCH64),
    AARCH64_VARIANT_PCS(0x70000005L, "AARCH64_VARIANT_PCS", ElfMachine.AARCH64),
    MIPS_RLD_VERSION(0x70000001L, "MIPS_RLD_VERSION", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_TIME_STAMP(0x70000002L, "MIPS_TIME_STAMP", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_ICHECKSUM(0x70000003L, "MIPS_ICHECKSUM", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_IVERSION(0x70000004L, "MIPS_IVERSION", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_FLAGS(0x70000005L, "MIPS_FLAGS", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_BASE_ADDRESS(0x70000006L, "MIPS_BASE_ADDRESS", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_MSYM(0x70000007L, "MIPS_MSYM", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_CONFLICT(0x70000008L, "MIPS_CONFLICT", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_LIBLIST(0x70000009L, "MIPS_LIBLIST", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_LOCAL_GOTNO(0x7000000aL, "MIPS_LOCAL_GOTNO", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_CONFLICTNO(0x7000000bL, "MIPS_CONFLICTNO", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_LIBLISTNO(0x70000010L, "MIPS_LIBLISTNO", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_SYMTABNO(0x70000011L, "MIPS_SYMTABNO", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_UNREFEXTNO(0x70000012L, "MIPS_UNREFEXTNO", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_GOTSYM(0x70000013L, "MIPS_GOTSYM", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_HIPAGENO(0x70000014L, "MIPS_HIPAGENO", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_RLD_MAP(0x70000016L, "MIPS_RLD_MAP", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_RLD_MAP_REL(0x70000035L, "MIPS_RLD_MAP_REL", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_DELTA_CLASS(0x70000017L, "MIPS_DELTA_CLASS", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_DELTA_CLASS_NO(0x70000018L, "MIPS_DELTA_CLASS_NO", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_DELTA_INSTANCE(0x70000019L, "MIPS_DELTA_INSTANCE", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_DELTA_INSTANCE_NO(0x7000001aL, "MIPS_DELTA_INSTANCE_NO", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_DELTA_RELOC(0x7000001bL, "MIPS_DELTA_RELOC", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_DELTA_RELOC_NO(0x7000001cL, "MIPS_DELTA_RELOC_NO", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_DELTA_SYM(0x7000001dL, "MIPS_DELTA_SYM", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_DELTA_SYM_NO(0x7000001eL, "MIPS_DELTA_SYM_NO", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_DELTA_CLASSSYM(0x70000020L, "MIPS_DELTA_CLASSSYM", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_DELTA_CLASSSYM_NO(0x70000021L, "MIPS_DELTA_CLASSSYM_NO", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_CXX_FLAGS(0x70000022L, "MIPS_CXX_FLAGS", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_PIXIE_INIT(0x70000023L, "MIPS_PIXIE_INIT", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_SYMBOL_LIB(0x70000024L, "MIPS_SYMBOL_LIB", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_LOCALPAGE_GOTIDX(0x70000025L, "MIPS_LOCALPAGE_GOTIDX", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_LOCAL_GOTIDX(0x70000026L, "MIPS_LOCAL_GOTIDX", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_HIDDEN_GOTIDX(0x70000027L, "MIPS_HIDDEN_GOTIDX", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_PROTECTED_GOTIDX(0x70000028L, "MIPS_PROTECTED_GOTIDX", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_OPTIONS(0x70000029L, "MIPS_OPTIONS", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_INTERFACE(0x7000002aL, "MIPS_INTERFACE", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_DYNSTR_ALIGN(0x7000002bL, "MIPS_DYNSTR_ALIGN", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_INTERFACE_SIZE(0x7000002cL, "MIPS_INTERFACE_SIZE", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_RLD_TEXT_RESOLVE_ADDR(0x7000002dL, "MIPS_RLD_TEXT_RESOLVE_ADDR", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_PERF_SUFFIX(0x7000002eL, "MIPS_PERF_SUFFIX", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_COMPACT_SIZE(0x7000002fL, "MIPS_COMPACT_SIZE", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_GP_VALUE(0x70000030L, "MIPS_GP_VALUE", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_AUX_DYNAMIC(0x70000031L, "MIPS_AUX_DYNAMIC", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_PLTGOT(0x70000032L, "MIPS_PLTGOT", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_RWPLT(0x70000034L, "MIPS_RWPLT", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_XHASH(0x70000036L, "MIPS_XHASH", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    SPARC_REGISTER(0x70000001L, "SPARC_REGISTER", ElfMachine.SPARCV9),
    PPC_GOT(0x70000000L, "PPC_GOT", ElfMachine.PPC),
    PPC_OPT(0x70000001L, "PPC_OPT", ElfMachine.PPC),
    PPC64_GLINK(0x70000000L, "PPC64_GLINK", ElfMachine.PPC64),
    PPC64_OPD(0x70000001L, "PPC64_OPD", ElfMachine.PPC64),
    PPC64_OPDSZ(0x70000002L, "PPC64_OPDSZ", ElfMachine.PPC64),
    PPC64_OPT(0x70000003L, "PPC64_OPT", ElfMachine.PPC64),
    ALPHA_PLTRO(0x70000000L, "ALPHA_PLTRO", ElfMachine.ALPHA),
    SCORE_BASE_ADDRESS(0x70000001L, "SCORE_BASE_ADDRESS", ElfMachine.SCORE),
    SCORE_LOCAL_GOTNO(0x70000002L, "SCORE_LOCAL_GOTNO", ElfMachine.SCORE),
    SCORE_SYMTABNO(0x70000003L, "SCORE_SYMTABNO", ElfMachine.SCORE),
    SCORE_GOTSYM(0x70000004L, "SCORE_GOTSYM", ElfMachine.SCORE),
    SCORE_UNREFEXTNO(0x70000005L, "SCORE_UNREFEXTNO", ElfMachine.SCORE),
    SCORE_HIPAGENO(0x70000006L, "SCORE_HIPAGENO", ElfMachine.SCORE),
    C6000_GSYM_OFFSET(0x6000000dL, "C6000_GSYM_OFFSET", ElfMachine.TI_C6000),
    C6000_GSTR_OFFSET(0x6000000fL, "C6000_GSTR_OFFSET", ElfMachine.TI_C6000),
    C6000_DSBT_BASE(0x70000000L, "C6000_DSBT_BASE", ElfMachine.TI_C6000),
    C6000_DSBT_SIZE(0x70000001L, "C6000_DSBT_SIZE", ElfMachine.TI_C6000),
    C6000_PREEMPTMAP(0x70000002L, "C6000_PREEMPTMAP", ElfMachine.TI_C6000),
    C6000_DSBT_INDEX(0x70000003L, "C6000_DSBT_INDEX", ElfMachine.TI_C6000),
    NIOS2_GP(0x70000002L, "NIOS2_GP", ElfMachine.ALTERA_NIOS2),
    RISCV_VARIANT_CC(0x70000001L, "RISCV_VARIANT_CC", ElfMachine.RISCV);

    private final long value;
    private final String readelfName;
    private final List<ElfMachine> machines;

    DynamicTag(long value, String readelfName, ElfMachine... machines) {
        this.value = value;
        this.readelfName = readelfName;
        this.machines = List.of(machines);
    }

    @Override
    public long value() {
        return value;
    }

    @Override
    public String readelfName() {
        return readelfName;
    }

    /** The machines this value has this meaning on; empty when it means the same everywhere. */
    @Override
    public List<ElfMachine> machines() {
        return machines;
    }

    private static final ConstantTable<DynamicTag> TABLE = new ConstantTable<>(DynamicTag.class);

    public static Coded<DynamicTag> of(long value, int machine) {
        return TABLE.lookup(value, machine, ReadelfNames::dynamicTag);
    }

    /**
     * As {@link #of(long, int)}, and in an ELFOSABI_SOLARIS file the OS- and processor-range values
     * readelf names from Solaris's list (DT_SUNW_STRPAD, DT_SUNW_LDMACH, ...) carry that name; they
     * stay unknown constants, since their meaning depends on the OS/ABI and not on the machine.
     */
    public static Coded<DynamicTag> of(long value, int machine, int osAbi) {
        if (osAbi != OsAbi.SOLARIS.value()) {
            return of(value, machine);
        }
        return TABLE.lookup(value, machine, v -> ReadelfNames.solarisDynamicTag(v, machine));
    }
}
