package dev.execray.binary;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Names in binary formats are bytes, not text: a symbol, section, library or path name need not be UTF-8. Decoding
 * with replacement (U+FFFD) would lose the bytes, so a renderer could not print {@code \xNN} as readelf and
 * {@code ls -b} do. Readers decode with PEP 383's "surrogateescape" instead: UTF-8 where the bytes are UTF-8, and each
 * byte of a malformed sequence (always 0x80-0xff: ASCII is never malformed) as the lone low surrogate
 * U+DC80-U+DCFF. A valid UTF-8 decoder never produces a lone surrogate (UTF-8-encoded surrogates are malformed and so
 * escaped byte by byte), so the mapping is reversible: {@link #encode} gives back the file's bytes.
 * Text renderers print such a char as {@code \xNN} (report.Escape); JSON writes it as the escape <code>&#92;udcNN</code>, which
 * keeps the output valid UTF-8 (see docs/inspect.md).
 */
public final class RawText {
    private static final ThreadLocal<CharsetDecoder> DECODER = ThreadLocal.withInitial(() ->
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));

    private RawText() {
    }

    /** {@code length} bytes of {@code b} from {@code offset}, decoded with surrogate escapes. */
    public static String decode(byte[] b, int offset, int length) {
        int end = offset + length;
        int i = offset;
        while (i < end && b[i] >= 0) {
            i++;
        }
        if (i == end) {
            // nearly every name is ASCII: no decoder needed
            return new String(b, offset, length, StandardCharsets.ISO_8859_1);
        }
        CharsetDecoder d = DECODER.get().reset();
        ByteBuffer in = ByteBuffer.wrap(b, offset, length);
        CharBuffer out = CharBuffer.allocate(length);
        while (true) {
            CoderResult r = d.decode(in, out, true);
            if (r.isError()) {
                for (int k = 0; k < r.length(); k++) {
                    out.put((char) (0xDC00 | (in.get() & 0xff)));
                }
            } else {
                break;
            }
        }
        d.flush(out);
        out.flip();
        return out.toString();
    }

    public static String decode(byte[] b) {
        return decode(b, 0, b.length);
    }

    /** Whether {@code c} stands for one raw byte that was not UTF-8. */
    public static boolean isRawByte(char c) {
        return c >= 0xDC80 && c <= 0xDCFF;
    }

    /** The byte a {@link #isRawByte raw-byte} char stands for. */
    public static int rawByte(char c) {
        return c & 0xff;
    }

    /** Whether {@code s} holds a byte that was not UTF-8. */
    public static boolean hasRawBytes(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isRawByte(s.charAt(i)) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)))) {
                return true;
            }
        }
        return false;
    }

    /** The bytes {@code s} was decoded from: the inverse of {@link #decode}. */
    public static byte[] encode(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) < 0x80) {
            i++;
        }
        if (i == s.length()) {
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length() + 8);
        int from = 0;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            boolean paired = k > 0 && Character.isHighSurrogate(s.charAt(k - 1));
            if (isRawByte(c) && !paired) {
                out.writeBytes(s.substring(from, k).getBytes(StandardCharsets.UTF_8));
                out.write(rawByte(c));
                from = k + 1;
            }
        }
        out.writeBytes(s.substring(from).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** How many bytes {@code s} was decoded from. */
    public static int byteLength(String s) {
        return encode(s).length;
    }
}
