package dev.execray.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * How JSON output carries a name byte that is not UTF-8 (binary.RawText keeps it as the lone surrogate
 * U+DC80-U+DCFF): as the JSON escape <code>&#92;udcNN</code>. The output stays valid UTF-8 (it is ASCII there), the escape is
 * RFC 8259 syntax, and it is lossless: Python's {@code json.loads(s).encode("utf-8", "surrogateescape")} gives back
 * the file's bytes (PEP 383); jq and Go show such a char as U+FFFD. Without this, a generator writing a lone
 * surrogate either fails (Jackson's UTF-8 generator) or the console encoder turns it into {@code ?}.
 * Every other character is escaped as Jackson's standard JSON escaping does.
 */
public final class JsonEscapes extends CharacterEscapes {
    public static final JsonEscapes INSTANCE = new JsonEscapes();

    private static final SerializedString[] RAW = new SerializedString[0x80];

    static {
        for (int i = 0; i < RAW.length; i++) {
            RAW[i] = new SerializedString(String.format("\\udc%02x", 0x80 + i));
        }
    }

    private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

    private JsonEscapes() {
    }

    /** {@code factory}, set to write raw name bytes as <code>&#92;udcNN</code>. */
    public static <F extends JsonFactory> F on(F factory) {
        factory.setCharacterEscapes(INSTANCE);
        return factory;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return ascii;
    }

    /**
     * Whether the previous non-ASCII char this thread's generator asked about was a high surrogate: Jackson asks char
     * by char, so the low half of a real pair (U+1F480 is D83D DC80) must not be taken for a raw byte. A high
     * surrogate is always followed at once by its low half in decoded text (RawText never yields a lone one).
     */
    private static final ThreadLocal<boolean[]> AFTER_HIGH = ThreadLocal.withInitial(() -> new boolean[1]);

    @Override
    public SerializableString getEscapeSequence(int ch) {
        boolean[] afterHigh = AFTER_HIGH.get();
        boolean paired = afterHigh[0];
        afterHigh[0] = ch >= 0xD800 && ch <= 0xDBFF;
        return !paired && ch >= 0xDC80 && ch <= 0xDCFF ? RAW[ch - 0xDC80] : null;
    }
}
