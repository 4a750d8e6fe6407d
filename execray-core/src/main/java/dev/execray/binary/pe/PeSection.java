package dev.execray.binary.pe;

import dev.execray.binary.SpecFlag;
import java.util.List;

/**
 * A section header. {@code name} is resolved through the COFF string table when the header holds
 * {@code /123}; {@code headerName} is what the 8-byte field itself says.
 */
public record PeSection(String name, String headerName, long virtualSize, long virtualAddress, long sizeOfRawData,
        long pointerToRawData, long pointerToRelocations, long pointerToLinenumbers, int numberOfRelocations,
        int numberOfLinenumbers, long characteristics) {
    public static final int SIZE = 40;

    public List<SectionCharacteristic> characteristicFlags() {
        return SpecFlag.decode(SectionCharacteristic.values(), characteristics);
    }

    public boolean has(SectionCharacteristic c) {
        return (characteristics & c.mask()) != 0;
    }

    /** How many bytes of the image the section spans: VirtualSize, or SizeOfRawData where linkers leave it 0. */
    public long span() {
        return virtualSize != 0 ? virtualSize : sizeOfRawData;
    }

    /** Bytes of the section the file holds (the rest of {@link #span} is zero-filled by the loader). */
    public long fileBackedSize() {
        return pointerToRawData == 0 ? 0 : Math.min(sizeOfRawData, span());
    }

    public boolean containsRva(long rva) {
        return rva >= virtualAddress && rva - virtualAddress < span();
    }
}
