package dev.execray.binary.xcoff;

/**
 * The auxiliary header (AOUTHDR / AOUTHDR_64) the loader needs: entry point, TOC anchor, section numbers of
 * text, data and loader sections, sizes and module type. Section numbers are 1-based, 0 when absent.
 *
 * @param modtype "1L" (single-use), "RO" (read-only), "RE" (reusable) as two ASCII characters
 */
public record XcoffAuxHeader(int mflag, int vstamp, long textStart, long dataStart, long toc, int snentry,
        int sntext, int sndata, int sntoc, int snloader, int snbss, int algntext, int algndata, String modtype,
        int cpuflag, int cputype, long tsize, long dsize, long bsize, long entry, long maxstack, long maxdata) {
    /** AOUTHDRSZ of XCOFF32 and of XCOFF64. */
    public static final int SIZE_32 = 72;
    public static final int SIZE_64 = 120;
}
