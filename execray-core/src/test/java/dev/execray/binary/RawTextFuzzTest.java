package dev.execray.binary;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.execray.report.Escape;
import java.util.Arrays;

/** Any bytes decode to a name that encodes back to the same bytes, and its text form has no control or lone surrogate. */
class RawTextFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void everyByteStringRoundTripsAndPrintsSafely(byte[] data) {
        String s = RawText.decode(data);
        if (!Arrays.equals(RawText.encode(s), data)) {
            throw new IllegalStateException("round trip lost bytes");
        }
        String shown = Escape.text(s);
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < shown.length()
                    && Character.isLowSurrogate(shown.charAt(i + 1));
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !pair && !(i > 0
                    && Character.isHighSurrogate(shown.charAt(i - 1)))) {
                throw new IllegalStateException("unescaped char " + (int) c + " in " + shown);
            }
        }
    }
}
