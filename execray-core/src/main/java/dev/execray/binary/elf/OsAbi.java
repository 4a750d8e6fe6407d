package dev.execray.binary.elf;

import java.util.List;

/** EI_OSABI values with the names GNU readelf 2.40 prints ({@code get_osabi_name}). */
public enum OsAbi implements ElfConstant {
    NONE(0, "UNIX - System V"),
    HPUX(1, "UNIX - HP-UX"),
    NETBSD(2, "UNIX - NetBSD"),
    GNU(3, "UNIX - GNU"),
    SOLARIS(6, "UNIX - Solaris"),
    AIX(7, "UNIX - AIX"),
    IRIX(8, "UNIX - IRIX"),
    FREEBSD(9, "UNIX - FreeBSD"),
    TRU64(10, "UNIX - TRU64"),
    MODESTO(11, "Novell - Modesto"),
    OPENBSD(12, "UNIX - OpenBSD"),
    OPENVMS(13, "VMS - OpenVMS"),
    NSK(14, "HP - Non-Stop Kernel"),
    AROS(15, "AROS"),
    FENIXOS(16, "FenixOS"),
    CLOUDABI(17, "Nuxi CloudABI"),
    OPENVOS(18, "Stratus Technologies OpenVOS"),
    // values from 64 up belong to the machine
    AMDGPU_HSA(64, "AMD HSA", ElfMachine.AMDGPU),
    AMDGPU_PAL(65, "AMD PAL", ElfMachine.AMDGPU),
    AMDGPU_MESA3D(66, "AMD Mesa3D", ElfMachine.AMDGPU),
    ARM_FDPIC(65, "ARM FDPIC", ElfMachine.ARM),
    ARM(97, "ARM", ElfMachine.ARM),
    STANDALONE(255, "Standalone App", ElfMachine.MSP430, ElfMachine.VISIUM),
    C6000_ELFABI(64, "Bare-metal C6000", ElfMachine.TI_C6000),
    C6000_LINUX(65, "Linux C6000", ElfMachine.TI_C6000);

    private static final ConstantTable<OsAbi> TABLE = new ConstantTable<>(OsAbi.class);

    private final int value;
    private final String readelfName;
    private final List<ElfMachine> machines;

    OsAbi(int value, String readelfName, ElfMachine... machines) {
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

    @Override
    public List<ElfMachine> machines() {
        return machines;
    }

    public static Coded<OsAbi> of(int value, int machine) {
        return TABLE.lookup(value, machine, v -> "<unknown: " + Long.toHexString(v) + ">");
    }
}
