package dev.execray.binary;

/**
 * A named section of an executable image, format-neutral: what the Go readers and the exec path need
 * to find data by name or address. {@code fileSize} is 0 for sections with no bytes in the file
 * (.bss, zero-fill).
 */
public record ImageSection(String name, long address, long size, long fileOffset, long fileSize) {
    public boolean containsAddress(long addr) {
        return Long.compareUnsigned(addr, address) >= 0 && Long.compareUnsigned(addr - address, size) < 0;
    }
}
