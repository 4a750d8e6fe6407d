package dev.execray.binary.macho;

import dev.execray.binary.SpecFlag;
import java.util.List;

/** The mach_header / mach_header_64 at the start of a thin Mach-O file (or of a fat file's slice). */
public record MachHeader(long magic, int cputype, int cpusubtype, long filetype, long ncmds, long sizeofcmds,
        long flags, long reserved, boolean is64) {
    public static final long MH_MAGIC = 0xfeedfaceL;
    public static final long MH_MAGIC_64 = 0xfeedfacfL;

    public int size() {
        return is64 ? 32 : 28;
    }

    public String arch() {
        return MachArch.name(cputype, cpusubtype);
    }

    public List<MachFlag> flagSet() {
        return SpecFlag.decode(MachFlag.values(), flags);
    }

    public boolean has(MachFlag f) {
        return (flags & f.mask()) != 0;
    }

    public String fileTypeName() {
        return MachFileType.describe(filetype);
    }
}
