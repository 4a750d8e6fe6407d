package dev.execray.place;

import java.util.EnumSet;
import java.util.Set;

/**
 * The flags of a binfmt_misc entry, in the order the kernel prints them in an entry file
 * (K: fs/binfmt_misc.c, MISC_FMT_* and entry_status()).
 */
public enum BinfmtFlag {
    /** P: argv[0] of the original exec is kept; the interpreter gets {@code interp path argv0 argv1...}. */
    PRESERVE_ARGV0('P', 1L << 31, "preserve-argv0"),
    /** O: the binary is opened by the kernel and passed as a file descriptor in AT_EXECFD. */
    OPEN_BINARY('O', 1L << 30, "open-binary"),
    /** C: credentials and security label come from the binary, not the interpreter; implies O. */
    CREDENTIALS('C', 1L << 29, "credentials"),
    /** F: the interpreter is opened once, at registration, and that open file is used for every exec. */
    FIX_BINARY('F', 1L << 28, "fix-binary");

    private final char letter;
    private final long bit;
    private final String description;

    BinfmtFlag(char letter, long bit, String description) {
        this.letter = letter;
        this.bit = bit;
        this.description = description;
    }

    public char letter() {
        return letter;
    }

    public long bit() {
        return bit;
    }

    public String description() {
        return description;
    }

    /** The letters present, in kernel order (P, O, C, F). */
    public static String letters(Set<BinfmtFlag> flags) {
        StringBuilder b = new StringBuilder();
        for (BinfmtFlag f : values()) {
            if (flags.contains(f)) {
                b.append(f.letter);
            }
        }
        return b.toString();
    }

    public static EnumSet<BinfmtFlag> none() {
        return EnumSet.noneOf(BinfmtFlag.class);
    }
}
