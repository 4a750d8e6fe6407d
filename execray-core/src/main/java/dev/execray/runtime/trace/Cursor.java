package dev.execray.runtime.trace;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * Reads one line of runtime output in place: literals, unsigned and signed integers, the runtime's
 * fixed-point millisecond values and its floats, all without building Strings. Every method either
 * consumes what it promised or throws {@link TraceSyntaxException} with the column.
 */
final class Cursor {
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private byte[] buf;
    private int lineStart;
    private int pos;
    private int end;

    void reset(byte[] buf, int lineStart, int from, int end) {
        this.buf = buf;
        this.lineStart = lineStart;
        this.pos = from;
        this.end = end;
    }

    int pos() {
        return pos;
    }

    void pos(int p) {
        pos = p;
    }

    int end() {
        return end;
    }

    boolean atEnd() {
        return pos >= end;
    }

    int peek() {
        return pos < end ? buf[pos] & 0xff : -1;
    }

    TraceSyntaxException fail(String expected) {
        return new TraceSyntaxException(pos - lineStart + 1, expected);
    }

    boolean lookingAt(byte[] lit) {
        if (end - pos < lit.length) {
            return false;
        }
        for (int i = 0; i < lit.length; i++) {
            if (buf[pos + i] != lit[i]) {
                return false;
            }
        }
        return true;
    }

    boolean tryConsume(byte[] lit) {
        if (lookingAt(lit)) {
            pos += lit.length;
            return true;
        }
        return false;
    }

    void expect(byte[] lit) {
        if (!tryConsume(lit)) {
            throw fail('"' + new String(lit, StandardCharsets.UTF_8) + '"');
        }
    }

    void expect(char c) {
        if (pos >= end || buf[pos] != c) {
            throw fail("'" + c + "'");
        }
        pos++;
    }

    boolean tryConsume(char c) {
        if (pos < end && buf[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }

    void expectEnd() {
        if (pos != end) {
            throw fail("end of line");
        }
    }

    static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    /** An unsigned decimal integer of at most 18 digits (so it cannot overflow a long). */
    long uint() {
        int p = pos;
        long v = 0;
        while (p < end && isDigit(buf[p])) {
            if (p - pos >= 18) {
                throw fail("a number of at most 18 digits");
            }
            v = v * 10 + (buf[p] - '0');
            p++;
        }
        if (p == pos) {
            throw fail("a number");
        }
        pos = p;
        return v;
    }

    int uint32() {
        long v = uint();
        if (v > Integer.MAX_VALUE) {
            throw fail("a number below 2^31");
        }
        return (int) v;
    }

    long sint() {
        boolean neg = tryConsume('-');
        long v = uint();
        return neg ? -v : v;
    }

    int sint32() {
        long v = sint();
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw fail("a number that fits 32 bits");
        }
        return (int) v;
    }

    /**
     * A non-negative decimal with at most {@code scale} fraction digits, returned multiplied by
     * 10^scale: the runtime's itoaDiv output, exact ("1.5" at scale 3 is 1500).
     */
    long fixed(int scale) {
        long whole = uint();
        long frac = 0;
        int digits = 0;
        if (tryConsume('.')) {
            int p = pos;
            while (p < end && isDigit(buf[p])) {
                if (digits == scale) {
                    throw fail("at most " + scale + " decimals");
                }
                frac = frac * 10 + (buf[p] - '0');
                digits++;
                p++;
            }
            if (digits == 0) {
                throw fail("a digit after '.'");
            }
            pos = p;
        }
        for (int i = digits; i < scale; i++) {
            frac *= 10;
        }
        long mult = 1;
        for (int i = 0; i < scale; i++) {
            mult *= 10;
        }
        if (whole > Long.MAX_VALUE / mult - 1) {
            throw fail("a smaller number");
        }
        return whole * mult + frac;
    }

    /** {@code true} or {@code false}, as Go prints a bool. */
    boolean bool() {
        if (tryConsume(TRUE)) {
            return true;
        }
        if (tryConsume(FALSE)) {
            return false;
        }
        throw fail("true or false");
    }

    private static final byte[] TRUE = bytes("true");
    private static final byte[] FALSE = bytes("false");
    private static final byte[] NIL = bytes("nil");

    /** A bool as go1.19 prints its uint32 flags (0/1) or newer releases print atomic bools (true/false). */
    boolean flag() {
        int c = peek();
        if (c == '0' || c == '1') {
            long v = uint();
            if (v > 1) {
                throw fail("0 or 1");
            }
            return v == 1;
        }
        return bool();
    }

    /** An id that may be absent: go1.19 prints -1, newer releases print nil. */
    OptionalLong optionalId() {
        if (tryConsume(NIL)) {
            return OptionalLong.empty();
        }
        long v = sint();
        if (v == -1) {
            return OptionalLong.empty();
        }
        if (v < 0) {
            throw fail("an id, -1 or nil");
        }
        return OptionalLong.of(v);
    }

    /** True when the next token is the newer "nil" spelling of an absent id. */
    boolean lookingAtNil() {
        return lookingAt(NIL);
    }

    /**
     * A float as the runtime prints it: go1.25 and older use a fixed form ({@code +1.823568e+000}),
     * go1.26 and newer strconv's shortest form ({@code 0.25}, {@code 1e+21}); NaN and ±Inf in both.
     */
    double goFloat() {
        if (tryConsume(NAN)) {
            return Double.NaN;
        }
        if (tryConsume(PLUS_INF)) {
            return Double.POSITIVE_INFINITY;
        }
        if (tryConsume(MINUS_INF)) {
            return Double.NEGATIVE_INFINITY;
        }
        int start = pos;
        boolean neg = false;
        if (tryConsume('-')) {
            neg = true;
        } else {
            tryConsume('+');
        }
        long mant = 0;
        int digits = 0;
        int dropped = 0; // integer digits beyond what a long holds
        int fracDigits = 0;
        boolean any = false;
        while (pos < end && isDigit(buf[pos])) {
            any = true;
            if (digits < 18) {
                mant = mant * 10 + (buf[pos] - '0');
                if (mant != 0) {
                    digits++;
                }
            } else {
                dropped++;
            }
            pos++;
        }
        if (tryConsume('.')) {
            while (pos < end && isDigit(buf[pos])) {
                any = true;
                if (digits < 18) {
                    mant = mant * 10 + (buf[pos] - '0');
                    if (mant != 0) {
                        digits++;
                    }
                    fracDigits++;
                }
                pos++;
            }
        }
        if (!any) {
            pos = start;
            throw fail("a number");
        }
        int exp = 0;
        if (pos < end && (buf[pos] == 'e' || buf[pos] == 'E')) {
            pos++;
            boolean eneg = tryConsume('-');
            if (!eneg) {
                tryConsume('+');
            }
            long e = uint();
            if (e > 400) {
                e = 400; // beyond double range either way
            }
            exp = (int) (eneg ? -e : e);
        }
        int scale = exp + dropped - fracDigits;
        double v;
        if (mant < (1L << 53) && scale >= -22 && scale <= 22) {
            // exact operands: one correctly rounded operation
            v = scale >= 0 ? mant * POW10[scale] : mant / POW10[-scale];
        } else {
            v = Double.parseDouble(new String(buf, start, pos - start, StandardCharsets.US_ASCII));
            return v;
        }
        return neg ? -v : v;
    }

    private static final byte[] NAN = bytes("NaN");
    private static final byte[] PLUS_INF = bytes("+Inf");
    private static final byte[] MINUS_INF = bytes("-Inf");

    /**
     * True when the float at the cursor has the go1.25-and-older fixed shape: sign, one digit, '.',
     * six digits, 'e', sign, three digits ({@code +1.823568e+000}).
     */
    boolean lookingAtRuntimeExponentFloat() {
        int p = pos;
        return end - p >= 14 && (buf[p] == '+' || buf[p] == '-') && buf[p + 2] == '.' && buf[p + 9] == 'e'
                && (buf[p + 10] == '+' || buf[p + 10] == '-');
    }

    /** The bytes up to (not including) the next {@code stop}, or to the end; decoded as UTF-8. */
    String stringUntil(byte stop) {
        int p = pos;
        while (p < end && buf[p] != stop) {
            p++;
        }
        String s = new String(buf, pos, p - pos, StandardCharsets.UTF_8);
        pos = p;
        return s;
    }

    /** The index of the last occurrence of {@code lit} at or after the cursor, or -1. */
    int lastIndexOf(byte[] lit) {
        for (int i = end - lit.length; i >= pos; i--) {
            boolean ok = true;
            for (int j = 0; j < lit.length; j++) {
                if (buf[i + j] != lit[j]) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                return i;
            }
        }
        return -1;
    }

    String text(int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.UTF_8);
    }

    byte[] buf() {
        return buf;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
