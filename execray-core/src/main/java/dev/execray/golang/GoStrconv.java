package dev.execray.golang;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Go's strconv.Quote, QuotedPrefix and Unquote, over "byte strings": Java strings holding one byte per char
 * (ISO-8859-1), which is how execray keeps Go strings so that invalid UTF-8 survives byte for byte. Needed
 * because {@code go version -m} quotes build settings with strconv.Quote and ParseBuildInfo unquotes them.
 */
public final class GoStrconv {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoStrconv() {
    }

    public static String bytes(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    public static byte[] toBytes(String byteString) {
        return byteString.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A byte string as Unicode text, for JSON and display; invalid UTF-8 becomes U+FFFD. */
    public static String toText(String byteString) {
        return new String(toBytes(byteString), StandardCharsets.UTF_8);
    }

    /** Unicode text as a byte string (its UTF-8 bytes). */
    public static String fromText(String text) {
        return bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** strconv.Quote of a byte string; the result is a byte string (printable runes stay UTF-8). */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        int i = 0;
        int n = s.length();
        while (i < n) {
            int b0 = s.charAt(i) & 0xff;
            int r;
            int width;
            if (b0 < 0x80) {
                r = b0;
                width = 1;
            } else {
                long dec = decodeRune(s, i);
                r = (int) (dec >> 8);
                width = (int) (dec & 0xff);
            }
            if (r < 0) { // invalid UTF-8: one byte, \xNN
                sb.append("\\x").append(HEX[b0 >> 4]).append(HEX[b0 & 15]);
                i += 1;
                continue;
            }
            appendRune(sb, r);
            i += width;
        }
        return sb.append('"').toString();
    }

    private static void appendRune(StringBuilder sb, int r) {
        if (r == '"' || r == '\\') {
            sb.append('\\').append((char) r);
            return;
        }
        if (r < 0x80 ? (r >= 0x20 && r < 0x7f) : isPrint(r)) {
            sb.append(bytes(new String(Character.toChars(r)).getBytes(StandardCharsets.UTF_8)));
            return;
        }
        switch (r) {
            case 7 -> sb.append("\\a");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case 11 -> sb.append("\\v");
            default -> {
                if (r < ' ' || r == 0x7f) {
                    sb.append("\\x").append(HEX[r >> 4 & 15]).append(HEX[r & 15]);
                } else if (r < 0x10000) {
                    sb.append("\\u");
                    for (int s = 12; s >= 0; s -= 4) {
                        sb.append(HEX[r >> s & 15]);
                    }
                } else {
                    sb.append("\\U");
                    for (int s = 28; s >= 0; s -= 4) {
                        sb.append(HEX[r >> s & 15]);
                    }
                }
            }
        }
    }

    /** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    static boolean isPrint(int r) {
        if (r == ' ') {
            return true;
        }
        return switch (Character.getType(r)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }

    /**
     * Decodes one UTF-8 sequence at {@code i} as Go's utf8.DecodeRuneInString does; returns
     * (rune &lt;&lt; 8 | width), with rune -1 and width 1 for invalid input.
     */
    static long decodeRune(String s, int i) {
        int n = s.length() - i;
        int b0 = s.charAt(i) & 0xff;
        int need;
        int min;
        int r;
        if (b0 >= 0xc2 && b0 <= 0xdf) {
            need = 1;
            min = 0x80;
            r = b0 & 0x1f;
        } else if (b0 >= 0xe0 && b0 <= 0xef) {
            need = 2;
            min = 0x800;
            r = b0 & 0x0f;
        } else if (b0 >= 0xf0 && b0 <= 0xf4) {
            need = 3;
            min = 0x10000;
            r = b0 & 0x07;
        } else {
            return (-1L << 8) | 1;
        }
        if (n < need + 1) {
            return (-1L << 8) | 1;
        }
        for (int k = 1; k <= need; k++) {
            int b = s.charAt(i + k) & 0xff;
            if ((b & 0xc0) != 0x80) {
                return (-1L << 8) | 1;
            }
            r = (r << 6) | (b & 0x3f);
        }
        if (r < min || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) {
            return (-1L << 8) | 1;
        }
        return ((long) r << 8) | (need + 1);
    }

    /** strconv.QuotedPrefix: the quoted string (with quotes) at the start of {@code s}, if it is one. */
    public static Optional<String> quotedPrefix(String s) {
        if (s.isEmpty()) {
            return Optional.empty();
        }
        char q = s.charAt(0);
        if (q == '`') {
            int end = s.indexOf('`', 1);
            if (end < 0) {
                return Optional.empty();
            }
            String body = s.substring(1, end);
            if (body.indexOf('\n') >= 0) {
                return Optional.empty();
            }
            return Optional.of(s.substring(0, end + 1));
        }
        if (q != '"') {
            return Optional.empty();
        }
        int i = 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                String prefix = s.substring(0, i + 1);
                return unquote(prefix).isPresent() ? Optional.of(prefix) : Optional.empty();
            }
            if (c == '\n') {
                return Optional.empty();
            }
            i += c == '\\' ? 2 : 1;
        }
        return Optional.empty();
    }

    /** strconv.Unquote for double-quoted and back-quoted strings; the result is a byte string. */
    public static Optional<String> unquote(String s) {
        int n = s.length();
        if (n < 2) {
            return Optional.empty();
        }
        char q = s.charAt(0);
        if (q != s.charAt(n - 1)) {
            return Optional.empty();
        }
        String body = s.substring(1, n - 1);
        if (q == '`') {
            if (body.indexOf('`') >= 0) {
                return Optional.empty();
            }
            // Go drops carriage returns from raw strings
            return Optional.of(body.replace("\r", ""));
        }
        if (q != '"') {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(body.length());
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == '"' || c == '\n') {
                return Optional.empty();
            }
            if (c != '\\') {
                // a multi-byte UTF-8 sequence or invalid byte passes through as bytes
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= body.length()) {
                return Optional.empty();
            }
            char e = body.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'a' -> out.append((char) 7);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append((char) 11);
                case '\\' -> out.append('\\');
                case '"' -> out.append('"');
                case 'x' -> {
                    int v = hex(body, i, 2);
                    if (v < 0) {
                        return Optional.empty();
                    }
                    out.append((char) v);
                    i += 2;
                }
                case 'u', 'U' -> {
                    int len = e == 'u' ? 4 : 8;
                    long v = hexLong(body, i, len);
                    if (v < 0 || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) {
                        return Optional.empty();
                    }
                    out.append(bytes(new String(Character.toChars((int) v)).getBytes(StandardCharsets.UTF_8)));
                    i += len;
                }
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    if (i + 2 > body.length()) {
                        return Optional.empty();
                    }
                    int v = e - '0';
                    for (int k = 0; k < 2; k++) {
                        char d = body.charAt(i + k);
                        if (d < '0' || d > '7') {
                            return Optional.empty();
                        }
                        v = v * 8 + (d - '0');
                    }
                    if (v > 255) {
                        return Optional.empty();
                    }
                    out.append((char) v);
                    i += 2;
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(out.toString());
    }

    private static int hex(String s, int at, int len) {
        long v = hexLong(s, at, len);
        return (int) v;
    }

    private static long hexLong(String s, int at, int len) {
        if (at + len > s.length()) {
            return -1;
        }
        long v = 0;
        for (int k = 0; k < len; k++) {
            int d = Character.digit(s.charAt(at + k), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }
}
