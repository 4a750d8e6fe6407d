package dev.execray.exec.kernel;

import dev.execray.place.KernelVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Parses a {@code #!} line exactly as fs/binfmt_script.c's load_script() does in the target's
 * kernel version, from the same buffer the kernel has: the first BINPRM_BUF_SIZE bytes of the file,
 * zero-padded. Three generations of the code differ in corner cases:
 * <ul>
 * <li>before 5.0: the last buffer byte is forced to NUL and a line without a newline is silently
 * cut there, so an over-long interpreter path is truncated and then executed;</li>
 * <li>5.0 to 5.7 (commit b5372fe5dc84): without a newline in the buffer, the interpreter path must
 * be followed by a space, tab or NUL inside it, else ENOEXEC;</li>
 * <li>5.8 on (commit ccbb18b67323): the same rule, parsed without modifying the buffer; an argument
 * position found after the separating blanks is kept even when it is the NUL padding, so
 * {@code "#!/bin/sh "} with no newline passes an empty argument.</li>
 * </ul>
 * Only space and tab separate; a carriage return is part of the name or argument.
 */
public final class ShebangParser {
    private ShebangParser() {
    }

    /** @param buf exactly the kernel's buffer: BINPRM_BUF_SIZE bytes, NUL-padded past the end of the file */
    public static ShebangLine parse(byte[] buf, KernelVersion kernel) {
        if (buf.length < 2 || buf[0] != '#' || buf[1] != '!') {
            return new ShebangLine.NotAScript();
        }
        byte[] b = buf.clone();
        if (kernel.atLeast(5, 8)) {
            return current(b);
        }
        if (kernel.atLeast(5, 0)) {
            return v50(b);
        }
        return legacy(b);
    }

    private static boolean spacetab(byte c) {
        return c == ' ' || c == '\t';
    }

    private static int nextNonSpacetab(byte[] b, int first, int last) {
        for (; first <= last; first++) {
            if (!spacetab(b[first])) {
                return first;
            }
        }
        return -1;
    }

    private static int nextTerminator(byte[] b, int first, int last) {
        for (; first <= last; first++) {
            if (spacetab(b[first]) || b[first] == 0) {
                return first;
            }
        }
        return -1;
    }

    /** strnchr(): like strchr, it stops at the first NUL. */
    private static int strnchr(byte[] b, int count, byte c) {
        for (int i = 0; i < count && b[i] != 0; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static ShebangLine current(byte[] b) {
        int bufEnd = b.length - 1;
        int iEnd = strnchr(b, b.length, (byte) '\n');
        boolean sawNewline = iEnd >= 0;
        if (!sawNewline) {
            iEnd = nextNonSpacetab(b, 2, bufEnd);
            if (iEnd < 0) {
                return new ShebangLine.Refused("the #! line is only blanks");
            }
            if (nextTerminator(b, iEnd, bufEnd) < 0) {
                return new ShebangLine.Refused("no newline in the first " + b.length + " bytes and the interpreter path "
                        + "runs to the end of them: the kernel refuses a possibly truncated path");
            }
            iEnd = bufEnd;
        }
        while (spacetab(b[iEnd - 1])) {
            iEnd--;
        }
        int iName = nextNonSpacetab(b, 2, iEnd);
        if (iName < 0 || iName == iEnd) {
            return new ShebangLine.Refused("no interpreter named after #!");
        }
        int iArg = -1;
        int iSep = nextTerminator(b, iName, iEnd);
        if (iSep >= 0 && b[iSep] != 0) {
            iArg = nextNonSpacetab(b, iSep, iEnd);
        }
        b[iEnd] = 0;
        if (iArg >= 0) {
            b[iSep] = 0;
        }
        return build(b, iName, iArg, sawNewline);
    }

    private static ShebangLine v50(byte[] b) {
        int bufEnd = b.length - 1;
        int cp = strnchr(b, b.length, (byte) '\n');
        boolean sawNewline = cp >= 0;
        if (!sawNewline) {
            cp = nextNonSpacetab(b, 2, bufEnd);
            if (cp < 0) {
                return new ShebangLine.Refused("the #! line is only blanks");
            }
            if (nextTerminator(b, cp, bufEnd) < 0) {
                return new ShebangLine.Refused("no newline in the first " + b.length + " bytes and the interpreter path "
                        + "runs to the end of them: the kernel refuses a possibly truncated path");
            }
            cp = bufEnd;
        }
        return mutatingParse(b, cp, sawNewline);
    }

    private static ShebangLine legacy(byte[] b) {
        b[b.length - 1] = 0;
        int cp = strnchr(b, b.length, (byte) '\n');
        boolean sawNewline = cp >= 0;
        if (!sawNewline) {
            cp = b.length - 1;
        }
        return mutatingParse(b, cp, sawNewline);
    }

    /** The pre-5.8 parse: terminate at cp, blank out trailing blanks, split at the first blank. */
    private static ShebangLine mutatingParse(byte[] b, int cp, boolean sawNewline) {
        b[cp] = 0;
        while (cp > 0) {
            cp--;
            if (spacetab(b[cp])) {
                b[cp] = 0;
            } else {
                break;
            }
        }
        cp = 2;
        while (spacetab(b[cp])) {
            cp++;
        }
        if (b[cp] == 0) {
            return new ShebangLine.Refused("no interpreter named after #!");
        }
        int iName = cp;
        while (b[cp] != 0 && !spacetab(b[cp])) {
            cp++;
        }
        while (spacetab(b[cp])) {
            b[cp++] = 0;
        }
        int iArg = b[cp] != 0 ? cp : -1;
        return build(b, iName, iArg, sawNewline);
    }

    private static ShebangLine build(byte[] b, int iName, int iArg, boolean sawNewline) {
        byte[] name = cstring(b, iName);
        Optional<byte[]> arg = iArg >= 0 ? Optional.of(cstring(b, iArg)) : Optional.empty();
        List<String> notes = new ArrayList<>();
        if (name.length > 0 && name[name.length - 1] == '\r') {
            notes.add("the interpreter name ends in a carriage return (a CRLF line end): the kernel looks for a file "
                    + "whose name ends in \\r");
        } else if (arg.isPresent() && arg.get().length > 0 && arg.get()[arg.get().length - 1] == '\r') {
            notes.add("the argument ends in a carriage return (a CRLF line end): the interpreter receives it");
        }
        if (arg.isPresent() && arg.get().length == 0) {
            notes.add("an empty argument is passed (blanks after the interpreter and no newline)");
        }
        if (!sawNewline) {
            notes.add("no newline within the first " + b.length + " bytes: the line is cut there");
        }
        return new ShebangLine.Parsed(name, arg, notes);
    }

    private static byte[] cstring(byte[] b, int from) {
        int end = from;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return Arrays.copyOfRange(b, from, end);
    }
}
