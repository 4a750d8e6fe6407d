package dev.execray.binary.xcoff;

/**
 * The XCOFF file header (AIX &lt;xcoff.h&gt; FILHDR / FILHDR_64), fields in spec order. XCOFF32 stores
 * {@code symptr} in 32 bits and puts {@code nsyms} before {@code opthdr}; the record holds both layouts.
 *
 * @param magic  0x01DF (XCOFF32) or 0x01F7 (XCOFF64)
 * @param opthdr size of the auxiliary header that follows
 */
public record XcoffHeader(int magic, int nscns, long timdat, long symptr, int opthdr, int flags, long nsyms) {
    public static final int MAGIC_32 = 0x01DF;
    public static final int MAGIC_64 = 0x01F7;
    /** f_flags F_EXEC: the file is executable (all references resolved). */
    public static final int F_EXEC = 0x0002;
    /** f_flags F_SHROBJ: a shared object. */
    public static final int F_SHROBJ = 0x2000;

    public boolean is64() {
        return magic == MAGIC_64;
    }

    public int size() {
        return is64() ? 24 : 20;
    }
}
