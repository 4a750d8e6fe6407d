package dev.execray.binary;

/**
 * A piece of an executable as the loader maps it, format-neutral: an ELF PT_LOAD program header, a Mach-O
 * LC_SEGMENT(_64), or a PE section (PE maps its sections directly). {@code formatFlags} keeps the raw flag
 * word for rules that need it exactly: ELF p_flags, PE section Characteristics, Mach-O
 * {@code initprot | maxprot << 8}.
 */
public record ImageSegment(String name, long address, long memorySize, long fileOffset, long fileSize,
        boolean readable, boolean writable, boolean executable, long formatFlags) {
    public boolean containsFileBackedAddress(long addr) {
        return Long.compareUnsigned(addr, address) >= 0 && Long.compareUnsigned(addr - address, fileSize) < 0;
    }
}
