package dev.execray.place;

import dev.execray.rootfs.Errno;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Optional;

/**
 * Parses a binfmt_misc registration string ({@code :name:type:offset:magic:mask:interpreter:flags})
 * exactly as the kernel's create_entry() does, byte for byte, and gives the errno the kernel's
 * write() to {@code register} would return for a bad one, with the reason in words.
 *
 * <p>What this models (K: fs/binfmt_misc.c, v5.10–v6.18): the length window, the delimiter being
 * the first byte and the buffer padded with eight more of it, fields found with strchr() (which
 * stops at a NUL byte), {@code \xHH} checked by scanarg() and decoded by string_unescape() (which
 * keeps any other backslash and stops at the first NUL), the offset parsed by kstrtoint(), the
 * magic+offset limit of the exec buffer, and the flags followed by at most one newline.
 */
public final class BinfmtRegistration {
    /** MAX_REGISTER_LENGTH since v3.18; 256 before. */
    static final int MAX_REGISTER_LENGTH = 1920;

    /** The outcome of parsing one registration. */
    public sealed interface Result {
    }

    public record Accepted(BinfmtEntry entry) implements Result {
    }

    /** @param position byte offset in the string where the kernel gave up, when one can be named */
    public record Rejected(Errno errno, String reason, int position) implements Result {
    }

    private final byte[] buf;
    private final int count;
    private final int bufSize;
    private final KernelVersion kernel;

    private BinfmtRegistration(byte[] input, KernelVersion kernel) {
        this.count = input.length;
        this.kernel = kernel;
        this.bufSize = ExecBuffer.size(kernel);
        // the kernel pads its copy with eight delimiter bytes so field scans always find one
        this.buf = new byte[input.length + 8];
        System.arraycopy(input, 0, buf, 0, input.length);
        if (input.length > 0) {
            for (int i = 0; i < 8; i++) {
                buf[input.length + i] = input[0];
            }
        }
    }

    public static Result parse(String registration, KernelVersion kernel) {
        return parse(registration.getBytes(StandardCharsets.UTF_8), kernel);
    }

    public static Result parse(byte[] registration, KernelVersion kernel) {
        return new BinfmtRegistration(registration, kernel).run();
    }

    private Rejected einval(String why, int at) {
        return new Rejected(Errno.EINVAL, why, at);
    }

    private Result run() {
        int max = kernel.atLeast(3, 18) ? MAX_REGISTER_LENGTH : 256;
        if (count < 11) {
            return einval("registration of " + count + " bytes is shorter than the 11 bytes the kernel requires", 0);
        }
        if (count > max) {
            return einval("registration of " + count + " bytes is longer than the kernel's limit of " + max, max);
        }
        byte del = buf[0];
        if (del == 'P' || del == 'O' || del == 'C' || del == 'F') {
            return einval("the delimiter '" + (char) del + "' is also a flag letter", 0);
        }
        int p = 1;
        int q = strchr(p, del);
        if (q < 0) {
            return einval("no delimiter after the name (or a NUL byte inside it)", p);
        }
        String name = text(p, q);
        if (q == p || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0) {
            return einval(q == p ? "the name is empty" : "the name '" + name + "' is not a valid file name", p);
        }
        p = q + 1;
        BinfmtEntry.Kind kind;
        if (buf[p] == 'M') {
            kind = BinfmtEntry.Kind.MAGIC;
        } else if (buf[p] == 'E') {
            kind = BinfmtEntry.Kind.EXTENSION;
        } else {
            return einval("the type must be M (magic) or E (extension), not '" + printable(buf[p]) + "'", p);
        }
        p++;
        if (buf[p] != del) {
            return einval("the type must be a single letter followed by the delimiter", p);
        }
        p++;
        int offset = 0;
        Bytes magic;
        Optional<Bytes> mask = Optional.empty();
        if (kind == BinfmtEntry.Kind.MAGIC) {
            int s = strchr(p, del);
            if (s < 0) {
                return einval("no delimiter after the offset", p);
            }
            if (s != p) {
                Optional<Integer> off = kstrtoint(p, s);
                if (off.isEmpty() || off.get() < 0) {
                    return einval("the offset '" + text(p, s) + "' is not a non-negative decimal number", p);
                }
                offset = off.get();
            }
            p = s + 1;
            int magicStart = p;
            int magicEnd = scanarg(p, del);
            if (magicEnd < 0) {
                return einval("\\x in the magic must be followed by two hex digits", magicStart);
            }
            if (buf[magicStart] == 0 || magicStart == magicEnd - 1) {
                return einval("the magic is empty", magicStart);
            }
            int maskStart = magicEnd;
            int maskEnd = scanarg(maskStart, del);
            if (maskEnd < 0) {
                return einval("\\x in the mask must be followed by two hex digits", maskStart);
            }
            magic = unescape(magicStart, magicEnd - 1);
            if (buf[maskStart] != 0 && maskStart != maskEnd - 1) {
                Bytes m = unescape(maskStart, maskEnd - 1);
                if (m.length() != magic.length()) {
                    return einval("the mask decodes to " + m.length() + " bytes but the magic to " + magic.length(),
                            maskStart);
                }
                mask = Optional.of(m);
            }
            if (magic.length() > bufSize || bufSize - magic.length() < offset) {
                return einval("offset " + offset + " + magic of " + magic.length() + " bytes exceeds the "
                        + bufSize + " bytes the kernel reads from a file (BINPRM_BUF_SIZE)", magicStart);
            }
            p = maskEnd;
        } else {
            int s = strchr(p, del);
            if (s < 0) {
                return einval("no delimiter after the offset field", p);
            }
            p = s + 1;
            int e = strchr(p, del);
            if (e < 0) {
                return einval("no delimiter after the extension", p);
            }
            String ext = text(p, e);
            if (e == p || ext.indexOf('/') >= 0) {
                return einval(e == p ? "the extension is empty" : "the extension '" + ext + "' contains a '/'", p);
            }
            magic = Bytes.of(buf, p, e);
            p = e + 1;
            int m = strchr(p, del);
            if (m < 0) {
                return einval("no delimiter after the mask field", p);
            }
            p = m + 1;
        }
        int ie = strchr(p, del);
        if (ie < 0) {
            return einval("no delimiter after the interpreter", p);
        }
        if (ie == p) {
            return einval("the interpreter is empty", p);
        }
        String interpreter = text(p, ie);
        p = ie + 1;
        EnumSet<BinfmtFlag> flags = BinfmtFlag.none();
        while (true) {
            byte c = buf[p];
            if (c == 'P') {
                flags.add(BinfmtFlag.PRESERVE_ARGV0);
            } else if (c == 'O') {
                flags.add(BinfmtFlag.OPEN_BINARY);
            } else if (c == 'C') {
                flags.add(BinfmtFlag.CREDENTIALS);
                flags.add(BinfmtFlag.OPEN_BINARY);
            } else if (c == 'F' && kernel.atLeast(4, 8)) {
                flags.add(BinfmtFlag.FIX_BINARY);
            } else {
                break;
            }
            p++;
        }
        if (p < buf.length && buf[p] == '\n') {
            p++;
        }
        if (p != count) {
            if (p > count) {
                return einval("the string ends before the delimiter after the interpreter (the flags field)", count);
            }
            return einval("unexpected '" + printable(buf[p]) + "' in the flags (only P, O, C"
                    + (kernel.atLeast(4, 8) ? ", F" : "") + " and one final newline are allowed)", p);
        }
        return new Accepted(new BinfmtEntry(name, kind, offset, magic, mask, interpreter, flags, true));
    }

    /** strchr() on the padded buffer: the index of {@code c} from {@code from}, or -1 if a NUL comes first. */
    private int strchr(int from, byte c) {
        for (int i = from; i < buf.length; i++) {
            if (buf[i] == c) {
                return i;
            }
            if (buf[i] == 0) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * scanarg(): walks to the next delimiter, checking that every {@code \x} has two hex digits;
     * returns the index just after the delimiter, or -1.
     */
    private int scanarg(int from, byte del) {
        int s = from;
        while (s < buf.length) {
            byte c = buf[s++];
            if (c == del) {
                return s;
            }
            if (c == '\\' && s < buf.length && buf[s] == 'x') {
                s++;
                if (s >= buf.length || !isxdigit(buf[s++])) {
                    return -1;
                }
                if (s >= buf.length || !isxdigit(buf[s++])) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** string_unescape(UNESCAPE_HEX) over the C string in [from, to): stops at a NUL, keeps other backslashes. */
    private Bytes unescape(int from, int to) {
        byte[] out = new byte[to - from];
        int n = 0;
        int i = from;
        while (i < to && buf[i] != 0) {
            if (buf[i] == '\\' && i + 1 < to && buf[i + 1] != 0) {
                i++;
                int h1 = i + 1 < to ? hex(buf[i + 1]) : -1;
                if (buf[i] == 'x' && h1 >= 0) {
                    int v = h1;
                    i += 2;
                    int h2 = i < to ? hex(buf[i]) : -1;
                    if (h2 >= 0) {
                        v = (v << 4) | h2;
                        i++;
                    }
                    out[n++] = (byte) v;
                    continue;
                }
                out[n++] = '\\';
            }
            out[n++] = buf[i++];
        }
        return Bytes.of(out, 0, n);
    }

    /** kstrtoint(s, 10): optional '+' or '-', decimal digits, one optional trailing newline, int range. */
    private Optional<Integer> kstrtoint(int from, int to) {
        int i = from;
        boolean neg = false;
        if (buf[i] == '-') {
            neg = true;
            i++;
        } else if (buf[i] == '+') {
            i++;
        }
        long v = 0;
        int digits = 0;
        while (i < to && buf[i] >= '0' && buf[i] <= '9') {
            v = v * 10 + (buf[i] - '0');
            if (v > (1L << 40)) {
                return Optional.empty();
            }
            i++;
            digits++;
        }
        if (digits == 0) {
            return Optional.empty();
        }
        if (i < to && buf[i] == '\n') {
            i++;
        }
        if (i != to) {
            return Optional.empty();
        }
        long r = neg ? -v : v;
        if (r > Integer.MAX_VALUE || r < Integer.MIN_VALUE) {
            return Optional.empty();
        }
        return Optional.of((int) r);
    }

    private static boolean isxdigit(byte b) {
        return hex(b) >= 0;
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    private String text(int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.UTF_8);
    }

    private static String printable(byte b) {
        int c = b & 0xff;
        return c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c);
    }
}
