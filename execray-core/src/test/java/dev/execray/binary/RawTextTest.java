package dev.execray.binary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RawTextTest {
    @Test
    void everyByteStringSurvivesTheRoundTrip() {
        Random r = new Random(17);
        for (int i = 0; i < 5_000; i++) {
            byte[] b = new byte[r.nextInt(40)];
            r.nextBytes(b);
            assertThat(RawText.encode(RawText.decode(b))).isEqualTo(b);
        }
    }

    @Test
    void utf8IsDecodedAsUtf8AndOtherBytesBecomeLoneSurrogates() {
        String valid = "libc.so.6 é 日本 \uD83D\uDC80"; // U+1F480: its low half lies in DC80-DCFF
        byte[] b = valid.getBytes(StandardCharsets.UTF_8);
        assertThat(RawText.decode(b)).isEqualTo(valid);
        assertThat(RawText.hasRawBytes(valid)).isFalse();
        assertThat(RawText.encode(valid)).isEqualTo(b);

        byte[] bad = {'f', (byte) 0xff, 'o', (byte) 0xc3};
        assertThat(RawText.decode(bad)).isEqualTo("f\uDCFFo\uDCC3");
        assertThat(RawText.hasRawBytes(RawText.decode(bad))).isTrue();
        // a UTF-8-encoded surrogate is malformed: each of its bytes is kept, none becomes a real surrogate
        assertThat(RawText.decode(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}))
                .isEqualTo("\uDCED\uDCA0\uDC80");
        assertThat(RawText.byteLength("f\uDCFF")).isEqualTo(2);
    }

    @Test
    void cStringsFromAFileKeepTheirBytes() {
        byte[] file = {'a', (byte) 0x80, 'b', 0, 'c', 0};
        ByteSource s = ByteSource.of(file);
        assertThat(s.cString(0, file.length, "test")).isEqualTo("a\uDC80b");
        assertThat(s.fixedString(0, 3, "test")).isEqualTo("a\uDC80b");
    }

    @Test
    void mappedFilesToo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        byte[] file = new byte[300];
        java.util.Arrays.fill(file, (byte) 'x');
        file[100] = (byte) 0xfe;
        file[299] = 0;
        java.nio.file.Path f = java.nio.file.Files.write(dir.resolve("f"), file);
        String s = ByteSource.map(f).cString(0, 300, "test");
        assertThat(s).hasSize(299).contains("x\uDCFEx");
        assertThat(RawText.encode(s)).hasSize(299);
    }
}
