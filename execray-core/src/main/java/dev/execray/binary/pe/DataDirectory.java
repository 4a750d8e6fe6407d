package dev.execray.binary.pe;

/**
 * One slot of the optional header's data directory. {@code virtualAddress} is an RVA, except for the
 * certificate table ({@link DataDirectoryKind#SECURITY}) where the specification makes it a file offset.
 */
public record DataDirectory(int index, long virtualAddress, long size) {
    /** The slot's name, or empty past the sixteen the specification defines. */
    public java.util.Optional<DataDirectoryKind> kind() {
        return index < DataDirectoryKind.values().length
                ? java.util.Optional.of(DataDirectoryKind.values()[index])
                : java.util.Optional.empty();
    }

    /** A slot is in use when it points somewhere; the loader ignores a zero address whatever the size. */
    public boolean present() {
        return virtualAddress != 0;
    }

    public boolean contains(long rva) {
        return rva >= virtualAddress && rva - virtualAddress < size;
    }
}
