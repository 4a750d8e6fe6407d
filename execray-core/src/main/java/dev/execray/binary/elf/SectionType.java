package dev.execray.binary.elf;

import java.util.Optional;

import java.util.List;

/**
 * sh_type values with the names GNU readelf 2.40 prints ({@code get_section_type_name}); processor-specific
 * values carry the machines they belong to.
 */
public enum SectionType implements ElfConstant {
    NULL(0x0L, "NULL"),
    PROGBITS(0x1L, "PROGBITS"),
    SYMTAB(0x2L, "SYMTAB"),
    STRTAB(0x3L, "STRTAB"),
    RELA(0x4L, "RELA"),
    RELR(0x13L, "RELR"),
    HASH(0x5L, "HASH"),
    DYNAMIC(0x6L, "DYNAMIC"),
    NOTE(0x7L, "NOTE"),
    NOBITS(0x8L, "NOBITS"),
    REL(0x9L, "REL"),
    SHLIB(0xaL, "SHLIB"),
    DYNSYM(0xbL, "DYNSYM"),
    INIT_ARRAY(0xeL, "INIT_ARRAY"),
    FINI_ARRAY(0xfL, "FINI_ARRAY"),
    PREINIT_ARRAY(0x10L, "PREINIT_ARRAY"),
    GNU_HASH(0x6ffffff6L, "GNU_HASH"),
    GROUP(0x11L, "GROUP"),
    SYMTAB_SHNDX(0x12L, "SYMTAB SECTION INDICES"),
    GNU_VERDEF(0x6ffffffdL, "VERDEF"),
    GNU_VERNEED(0x6ffffffeL, "VERNEED"),
    GNU_VERSYM(0x6fffffffL, "VERSYM"),
    VERSYM_DT_VALUE(0x6ffffff0L, "VERSYM"),
    VERDEF_DT_VALUE(0x6ffffffcL, "VERDEF"),
    AUXILIARY(0x7ffffffdL, "AUXILIARY"),
    FILTER(0x7fffffffL, "FILTER"),
    GNU_LIBLIST(0x6ffffff7L, "GNU_LIBLIST"),
    ARC_ATTRIBUTES(0x70000001L, "ARC_ATTRIBUTES", ElfMachine.ARC, ElfMachine.ARC_COMPACT, ElfMachine.ARC_COMPACT2),
    MIPS_LIBLIST(0x70000000L, "MIPS_LIBLIST", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_MSYM(0x70000001L, "MIPS_MSYM", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_CONFLICT(0x70000002L, "MIPS_CONFLICT", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_GPTAB(0x70000003L, "MIPS_GPTAB", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_UCODE(0x70000004L, "MIPS_UCODE", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_DEBUG(0x70000005L, "MIPS_DEBUG", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_REGINFO(0x70000006L, "MIPS_REGINFO", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_PACKAGE(0x70000007L, "MIPS_PACKAGE", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_PACKSYM(0x70000008L, "MIPS_PACKSYM", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_RELD(0x70000009L, "MIPS_RELD", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_IFACE(0x7000000bL, "MIPS_IFACE", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_CONTENT(0x7000000cL, "MIPS_CONTENT", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_OPTIONS(0x7000000dL, "MIPS_OPTIONS", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_SHDR(0x70000010L, "MIPS_SHDR", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_FDESC(0x70000011L, "MIPS_FDESC", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_EXTSYM(0x70000012L, "MIPS_EXTSYM", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_DENSE(0x70000013L, "MIPS_DENSE", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_PDESC(0x70000014L, "MIPS_PDESC", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_LOCSYM(0x70000015L, "MIPS_LOCSYM", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_AUXSYM(0x70000016L, "MIPS_AUXSYM", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_OPTSYM(0x70000017L, "MIPS_OPTSYM", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_LOCSTR(0x70000018L, "MIPS_LOCSTR", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_LINE(0x70000019L, "MIPS_LINE", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_RFDESC(0x7000001aL, "MIPS_RFDESC", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_DELTASYM(0x7000001bL, "MIPS_DELTASYM", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_DELTAINST(0x7000001cL, "MIPS_DELTAINST", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_DELTACLASS(0x7000001dL, "MIPS_DELTACLASS", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_DWARF(0x7000001eL, "MIPS_DWARF", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_DELTADECL(0x7000001fL, "MIPS_DELTADECL", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_SYMBOL_LIB(0x70000020L, "MIPS_SYMBOL_LIB", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_EVENTS(0x70000021L, "MIPS_EVENTS", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_TRANSLATE(0x70000022L, "MIPS_TRANSLATE", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_PIXIE(0x70000023L, "MIPS_PIXIE", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_XLATE(0x70000024L, "MIPS_XLATE", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_XLATE_DEBUG(0x70000025L, "MIPS_XLATE_DEBUG", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_WHIRL(0x70000026L, "MIPS_WHIRL", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_EH_REGION(0x70000027L, "MIPS_EH_REGION", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_XLATE_OLD(0x70000028L, "MIPS_XLATE_OLD", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_PDR_EXCEPTION(0x70000029L, "MIPS_PDR_EXCEPTION", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_ABIFLAGS(0x7000002aL, "MIPS_ABIFLAGS", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_XHASH(0x7000002bL, "MIPS_XHASH", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    PARISC_EXT(0x70000000L, "PARISC_EXT", ElfMachine.PARISC),
    PARISC_UNWIND(0x70000001L, "PARISC_UNWIND", ElfMachine.PARISC),
    PARISC_DOC(0x70000002L, "PARISC_DOC", ElfMachine.PARISC),
    PARISC_ANNOT(0x70000003L, "PARISC_ANNOT", ElfMachine.PARISC),
    PARISC_SYMEXTN(0x70000008L, "PARISC_SYMEXTN", ElfMachine.PARISC),
    PARISC_STUBS(0x70000009L, "PARISC_STUBS", ElfMachine.PARISC),
    PARISC_DLKM(0x70000004L, "PARISC_DLKM", ElfMachine.PARISC),
    X86_64_UNWIND(0x70000001L, "X86_64_UNWIND", ElfMachine.X86_64, ElfMachine.L1OM, ElfMachine.K1OM),
    AARCH64_ATTRIBUTES(0x70000003L, "AARCH64_ATTRIBUTES", ElfMachine.AARCH64),
    ARM_EXIDX(0x70000001L, "ARM_EXIDX", ElfMachine.ARM),
    ARM_PREEMPTMAP(0x70000002L, "ARM_PREEMPTMAP", ElfMachine.ARM),
    ARM_ATTRIBUTES(0x70000003L, "ARM_ATTRIBUTES", ElfMachine.ARM),
    ARM_DEBUGOVERLAY(0x70000004L, "ARM_DEBUGOVERLAY", ElfMachine.ARM),
    ARM_OVERLAYSECTION(0x70000005L, "ARM_OVERLAYSECTION", ElfMachine.ARM),
    C6000_UNWIND(0x70000001L, "C6000_UNWIND", ElfMachine.TI_C6000),
    C6000_PREEMPTMAP(0x70000002L, "C6000_PREEMPTMAP", ElfMachine.TI_C6000),
    C6000_ATTRIBUTES(0x70000003L, "C6000_ATTRIBUTES", ElfMachine.TI_C6000),
    TI_ICODE(0x7f000000L, "TI_ICODE", ElfMachine.TI_C6000),
    TI_XREF(0x7f000001L, "TI_XREF", ElfMachine.TI_C6000),
    TI_HANDLER(0x7f000002L, "TI_HANDLER", ElfMachine.TI_C6000),
    TI_INITINFO(0x7f000003L, "TI_INITINFO", ElfMachine.TI_C6000),
    TI_PHATTRS(0x7f000004L, "TI_PHATTRS", ElfMachine.TI_C6000),
    MSP430_SEC_FLAGS(0x7f000005L, "MSP430_SEC_FLAGS", ElfMachine.MSP430),
    MSP430_SYM_ALIASES(0x7f000006L, "MSP430_SYM_ALIASES", ElfMachine.MSP430),
    MSP430_ATTRIBUTES(0x70000003L, "MSP430_ATTRIBUTES", ElfMachine.MSP430),
    NFP_MECONFIG(0x70000001L, "NFP_MECONFIG", ElfMachine.NFP),
    NFP_INITREG(0x70000002L, "NFP_INITREG", ElfMachine.NFP),
    NFP_UDEBUG(0x80000000L, "NFP_UDEBUG", ElfMachine.NFP),
    RISCV_ATTRIBUTES(0x70000003L, "RISCV_ATTRIBUTES", ElfMachine.RISCV),
    CSKY_ATTRIBUTES(0x70000001L, "CSKY_ATTRIBUTES", ElfMachine.CSKY),
    GNU_INCREMENTAL_INPUTS(0x6fff4700L, "GNU_INCREMENTAL_INPUTS"),
    GNU_ATTRIBUTES(0x6ffffff5L, "GNU_ATTRIBUTES");

    private final long value;
    private final String readelfName;
    private final List<ElfMachine> machines;

    SectionType(long value, String readelfName, ElfMachine... machines) {
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

    private static final ConstantTable<SectionType> TABLE = new ConstantTable<>(SectionType.class);

    public static Coded<SectionType> of(long value, int machine) {
        return TABLE.lookup(value, machine, ReadelfNames::sectionType);
    }

    /**
     * As {@link #of(long, int)}, for a file with {@code osAbi}: in an ELFOSABI_SOLARIS file the OS range means
     * Solaris's types (0x6ffffff5 is SUNW_cap, not SHT_GNU_ATTRIBUTES), named as readelf names them; the values
     * readelf names before it looks at the OS/ABI (GNU_HASH, the version sections, GNU_LIBLIST) keep their names.
     */
    public static Coded<SectionType> of(long value, int machine, int osAbi) {
        if (osAbi == OsAbi.SOLARIS.value() && machine != ElfMachine.IA_64.value()
                && value >= 0x60000000L && value <= 0x6fffffffL && !NAMED_BEFORE_OSABI.contains(value)) {
            return new Coded<SectionType>(value, Optional.<SectionType>empty(), ReadelfNames.solarisSectionType(value));
        }
        return of(value, machine);
    }

    /** readelf's get_section_type_name names these in its first switch, whatever the OS/ABI. */
    private static final java.util.Set<Long> NAMED_BEFORE_OSABI = java.util.Set.of(0x6ffffff6L, 0x6ffffffdL,
            0x6ffffffeL, 0x6fffffffL, 0x6ffffff0L, 0x6ffffffcL, 0x6ffffff7L);
}
