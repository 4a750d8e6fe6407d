package dev.execray.binary.pe;

import dev.execray.binary.SpecFlag;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The PE optional header (required for images), PE32 or PE32+ as {@link #magic} says. Field names
 * are the specification's; {@code baseOfData} exists only in PE32.
 */
public record OptionalHeader(int magic, int majorLinkerVersion, int minorLinkerVersion, long sizeOfCode,
        long sizeOfInitializedData, long sizeOfUninitializedData, long addressOfEntryPoint, long baseOfCode,
        OptionalLong baseOfData, long imageBase, long sectionAlignment, long fileAlignment,
        int majorOperatingSystemVersion, int minorOperatingSystemVersion, int majorImageVersion,
        int minorImageVersion, int majorSubsystemVersion, int minorSubsystemVersion, long win32VersionValue,
        long sizeOfImage, long sizeOfHeaders, long checkSum, int subsystem, int dllCharacteristics,
        long sizeOfStackReserve, long sizeOfStackCommit, long sizeOfHeapReserve, long sizeOfHeapCommit,
        long loaderFlags, long numberOfRvaAndSizes, List<DataDirectory> dataDirectories) {
    public static final int PE32_MAGIC = 0x10b;
    public static final int PE32_PLUS_MAGIC = 0x20b;

    public OptionalHeader {
        dataDirectories = List.copyOf(dataDirectories);
    }

    public boolean isPe32Plus() {
        return magic == PE32_PLUS_MAGIC;
    }

    /** "PE32" or "PE32+". */
    public String formatName() {
        return isPe32Plus() ? "PE32+" : "PE32";
    }

    public List<DllCharacteristic> dllCharacteristicFlags() {
        return SpecFlag.decode(DllCharacteristic.values(), dllCharacteristics);
    }

    public boolean has(DllCharacteristic c) {
        return (dllCharacteristics & c.mask()) != 0;
    }

    public String subsystemName() {
        return PeSubsystem.describe(subsystem);
    }

    public Optional<DataDirectory> directory(DataDirectoryKind kind) {
        return kind.index() < dataDirectories.size() ? Optional.of(dataDirectories.get(kind.index()))
                : Optional.empty();
    }

    /** The slot if it is present (non-zero address). */
    public Optional<DataDirectory> presentDirectory(DataDirectoryKind kind) {
        return directory(kind).filter(DataDirectory::present);
    }

    public String operatingSystemVersion() {
        return majorOperatingSystemVersion + "." + minorOperatingSystemVersion;
    }

    public String imageVersion() {
        return majorImageVersion + "." + minorImageVersion;
    }

    public String subsystemVersion() {
        return majorSubsystemVersion + "." + minorSubsystemVersion;
    }

    public String linkerVersion() {
        return majorLinkerVersion + "." + minorLinkerVersion;
    }
}
