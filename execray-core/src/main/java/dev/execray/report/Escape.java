package dev.execray.report;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The one place where strings that come from inspected files (a {@code #!} line, PT_INTERP, DT_NEEDED, PE import and
 * Mach-O dylib names, image entry names, anything in an error message) are made safe for a terminal and a text
 * report: a file's author must not be able to clear the screen, set the window title, move the cursor, ring the bell,
 * or forge lines of our output. Control characters become {@code \x1b}, {@code \r}, {@code \n}, {@code \t};
 * DEL and the C1 controls (0x80-0x9f, among them the one-byte CSI) become {@code \u009b}; invisible format characters
 * that reorder text (bidi overrides) become {@code \u202e}; bytes that are not UTF-8 become {@code \xNN} (readers keep
 * them as binary.RawText's surrogate escapes; {@link JsonEscapes} writes them as <code>&#92;udcNN</code> in JSON). JSON output
 * is escaped by its generator and HTML by its renderer; this is for text.
 */
public final class Escape {
    private Escape() {
    }

    /** A string from a file, escaped for one line of text output. */
    public static String text(String s) {
        if (s == null) {
            return "null";
        }
        int i = 0;
        while (i < s.length() && plain(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (plain(c)) {
                b.append(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else {
                escape(b, c, true);
            }
        }
        return b.toString();
    }

    /** A whole line of text output built from file strings: as {@link #text}, but a tab stays a tab (layout). */
    public static String line(String s) {
        if (s == null || s.indexOf('\t') < 0) {
            return text(s);
        }
        String[] parts = s.split("\t", -1);
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                b.append('\t');
            }
            b.append(text(parts[i]));
        }
        return b.toString();
    }

    /** Bytes from a file as text: UTF-8 where they are UTF-8, each other byte as {@code \xNN}, controls escaped. */
    public static String bytes(byte[] raw) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(raw);
        CharBuffer out = CharBuffer.allocate(raw.length + 1);
        StringBuilder b = new StringBuilder(raw.length + 16);
        while (in.hasRemaining()) {
            CoderResult r = d.decode(in, out, true);
            out.flip();
            b.append(text(out.toString()));
            out.clear();
            if (r.isError()) {
                for (int k = 0; k < r.length(); k++) {
                    b.append(String.format("\\x%02x", in.get() & 0xff));
                }
            } else if (r.isUnderflow()) {
                break;
            }
        }
        return b.toString();
    }

    /**
     * Text output that a renderer produced as bytes ({@code go --modinfo} writes go version -m's lines byte for byte):
     * newlines and tabs keep the layout, every other control character and every byte that is not UTF-8 is escaped as
     * {@link #text} does. Clean output (the usual case) is returned as it is, so it stays byte-identical to the tool
     * it imitates.
     */
    public static byte[] textBytes(byte[] raw) {
        boolean clean = true;
        for (byte x : raw) {
            if (x < 0 || x == 0x7f || x < 0x20 && x != '\n' && x != '\t') {
                clean = false;
                break;
            }
        }
        if (clean) {
            return raw;
        }
        String s = dev.execray.binary.RawText.decode(raw);
        StringBuilder b = new StringBuilder(s.length() + 16);
        int from = 0;
        for (int nl = s.indexOf('\n'); ; nl = s.indexOf('\n', from)) {
            b.append(line(s.substring(from, nl < 0 ? s.length() : nl)));
            if (nl < 0) {
                break;
            }
            b.append('\n');
            from = nl + 1;
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean plain(char c) {
        return c >= 0x20 && c < 0x7f || c >= 0xa0 && !Character.isSurrogate(c)
                && Character.getType(c) != Character.FORMAT && c != 0x2028 && c != 0x2029;
    }

    private static void escape(StringBuilder b, char c, boolean newlines) {
        switch (c) {
            case '\n' -> b.append(newlines ? "\\n" : "\n");
            case '\r' -> b.append("\\r");
            case '\t' -> b.append(newlines ? "\\t" : "\t");
            default -> {
                if (c < 0x20) {
                    b.append(String.format("\\x%02x", (int) c));
                } else if (dev.execray.binary.RawText.isRawByte(c)) {
                    // a byte of a name that was not UTF-8 (binary.RawText's surrogate escape), shown as readelf does
                    b.append(String.format("\\x%02x", dev.execray.binary.RawText.rawByte(c)));
                } else {
                    b.append(String.format("\\u%04x", (int) c));
                }
            }
        }
    }

    /**
     * Standard output or error for text: every control character that is not a newline or a tab is escaped as
     * {@link #text} does, whatever renderer wrote it, except the colour sequences of {@link Style} (ESC [ digits m).
     * A second line of defence behind {@link #text}: line structure stays the renderers' (they escape newlines in
     * file strings), everything that could drive the terminal is neutralised here.
     */
    public static PrintWriter terminalSafe(PrintWriter out) {
        return new PrintWriter(new SafeWriter(out), false);
    }

    private static final class SafeWriter extends FilterWriter {
        /** Characters of a possible colour sequence held back until it is complete or shown not to be one. */
        private final StringBuilder pending = new StringBuilder();
        /** Whether the last character written was a high surrogate: the next low surrogate completes a pair. */
        private boolean afterHigh;

        SafeWriter(Writer out) {
            super(out);
        }

        @Override
        public void write(int c) throws IOException {
            char ch = (char) c;
            if (pending.length() > 0) {
                pending.append(ch);
                if (ch == 'm' && pending.length() >= 3 && pending.charAt(1) == '[') {
                    out.write(pending.toString());
                    pending.setLength(0);
                } else if (pending.length() == 2 ? ch != '[' : !(ch >= '0' && ch <= '9' || ch == ';') || pending.length() > 16) {
                    String held = pending.toString();
                    pending.setLength(0);
                    StringBuilder b = new StringBuilder();
                    escape(b, held.charAt(0), false);
                    out.write(b.toString());
                    for (int i = 1; i < held.length(); i++) {
                        write(held.charAt(i));
                    }
                }
                return;
            }
            boolean paired = afterHigh && Character.isLowSurrogate(ch);
            afterHigh = Character.isHighSurrogate(ch);
            if (ch == 0x1b) {
                pending.append(ch);
            } else if (ch == '\n' || ch == '\t' || plain(ch) || paired || afterHigh) {
                out.write(ch);
            } else {
                StringBuilder b = new StringBuilder();
                escape(b, ch, false);
                out.write(b.toString());
            }
        }

        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            int start = off;
            int end = off + len;
            for (int i = off; i < end; i++) {
                char c = cbuf[i];
                if (pending.length() == 0 && (c == '\n' || c == '\t' || c >= 0x20 && c < 0x7f)) {
                    afterHigh = false;
                    continue;
                }
                out.write(cbuf, start, i - start);
                write(c);
                start = i + 1;
            }
            out.write(cbuf, start, end - start);
        }

        @Override
        public void write(String str, int off, int len) throws IOException {
            write(str.toCharArray(), off, len);
        }

        @Override
        public void flush() throws IOException {
            if (pending.length() > 0) {
                // an ESC with nothing that makes it a colour before the flush: it is not one
                String held = pending.toString();
                pending.setLength(0);
                StringBuilder b = new StringBuilder();
                escape(b, held.charAt(0), false);
                out.write(b + text(held.substring(1)));
            }
            out.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
            out.close();
        }
    }
}
