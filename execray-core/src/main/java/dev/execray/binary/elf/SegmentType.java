package dev.execray.binary.elf;

import java.util.List;

/**
 * p_type values with the names GNU readelf 2.40 prints ({@code get_segment_type}); processor-specific
 * values carry the machines they belong to.
 */
public enum SegmentType implements ElfConstant {
    NULL(0x0L, "NULL"),
    LOAD(0x1L, "LOAD"),
    DYNAMIC(0x2L, "DYNAMIC"),
    INTERP(0x3L, "INTERP"),
    NOTE(0x4L, "NOTE"),
    SHLIB(0x5L, "SHLIB"),
    PHDR(0x6L, "PHDR"),
    TLS(0x7L, "TLS"),
    GNU_EH_FRAME(0x6474e550L, "GNU_EH_FRAME"),
    GNU_STACK(0x6474e551L, "GNU_STACK"),
    GNU_RELRO(0x6474e552L, "GNU_RELRO"),
    GNU_PROPERTY(0x6474e553L, "GNU_PROPERTY"),
    GNU_SFRAME(0x6474e554L, "GNU_SFRAME"),
    OPENBSD_RANDOMIZE(0x65a3dbe6L, "OPENBSD_RANDOMIZE"),
    OPENBSD_WXNEEDED(0x65a3dbe7L, "OPENBSD_WXNEEDED"),
    OPENBSD_BOOTDATA(0x65a41be6L, "OPENBSD_BOOTDATA"),
    AARCH64_ARCHEXT(0x70000000L, "AARCH64_ARCHEXT", ElfMachine.AARCH64),
    AARCH64_MEMTAG_MTE(0x70000002L, "AARCH64_MEMTAG_MTE", ElfMachine.AARCH64),
    ARM_EXIDX(0x70000001L, "EXIDX", ElfMachine.ARM),
    MIPS_REGINFO(0x70000000L, "REGINFO", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_RTPROC(0x70000001L, "RTPROC", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_OPTIONS(0x70000002L, "OPTIONS", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    MIPS_ABIFLAGS(0x70000003L, "ABIFLAGS", ElfMachine.MIPS, ElfMachine.MIPS_RS3_LE),
    PARISC_ARCHEXT(0x70000000L, "PARISC_ARCHEXT", ElfMachine.PARISC),
    PARISC_UNWIND(0x70000001L, "PARISC_UNWIND", ElfMachine.PARISC),
    PARISC_WEAKORDER(0x70000002L, "PARISC_WEAKORDER", ElfMachine.PARISC),
    IA_64_ARCHEXT(0x70000000L, "IA_64_ARCHEXT", ElfMachine.IA_64),
    IA_64_UNWIND(0x70000001L, "IA_64_UNWIND", ElfMachine.IA_64),
    C6000_PHATTR(0x70000000L, "C6000_PHATTR", ElfMachine.TI_C6000),
    S390_PGSTE(0x70000000L, "S390_PGSTE", ElfMachine.S390, ElfMachine.S390_OLD),
    RISCV_ATTRIBUTES(0x70000003L, "RISCV_ATTRIBUTES", ElfMachine.RISCV);

    private final long value;
    private final String readelfName;
    private final List<ElfMachine> machines;

    SegmentType(long value, String readelfName, ElfMachine... machines) {
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

    private static final ConstantTable<SegmentType> TABLE = new ConstantTable<>(SegmentType.class);

    /** The segment type of {@code value} in a file for {@code machine} with {@code osAbi}. */
    public static Coded<SegmentType> of(long value, int machine, int osAbi) {
        return TABLE.lookup(value, machine, v -> ReadelfNames.segmentType(v, osAbi));
    }
}
