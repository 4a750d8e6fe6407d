package dev.execray.binary.xcoff;

/** A section header (SCNHDR / SCNHDR_64), fields in spec order; {@code flags} is s_flags. */
public record XcoffSection(String name, long paddr, long vaddr, long size, long scnptr, long relptr, long lnnoptr,
        long nreloc, long nlnno, long flags) {
    public int type() {
        return (int) (flags & 0xffff);
    }

    public boolean hasFileBytes() {
        int t = type();
        return t != XcoffSectionType.BSS.value() && t != XcoffSectionType.TBSS.value() && scnptr != 0;
    }
}
