package dev.execray.binary.macho;

/** One fat_arch / fat_arch_64 entry: where a slice for one architecture lies in a universal file. */
public record FatArch(int cputype, int cpusubtype, long offset, long size, long align) {
    public String arch() {
        return MachArch.name(cputype, cpusubtype);
    }
}
