package dev.execray.binary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ByteSource#digestInto} gives the digest of exactly the source's bytes: heap, mapped, and slices of both. */
class ByteSourceDigestTest {
    @TempDir
    Path tmp;

    private static String digest(ByteSource s) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        s.digestInto(md);
        return HexFormat.of().formatHex(md.digest());
    }

    private static String expected(byte[] b, int from, int to) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(b, from, to - from);
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void heapMappedAndSlicedSourcesDigestTheirOwnBytes() throws Exception {
        byte[] small = new byte[1000];
        byte[] large = new byte[(int) ByteSource.MAP_THRESHOLD + 12_345];
        new Random(7).nextBytes(small);
        new Random(8).nextBytes(large);
        Path s = Files.write(tmp.resolve("small"), small);
        Path l = Files.write(tmp.resolve("large"), large);

        ByteSource heap = ByteSource.open(s);
        ByteSource mapped = ByteSource.open(l);
        assertThat(heap.onHeap()).isTrue();
        assertThat(mapped.onHeap()).isFalse();
        assertThat(digest(heap)).isEqualTo(expected(small, 0, small.length));
        assertThat(digest(mapped)).isEqualTo(expected(large, 0, large.length));
        assertThat(digest(heap.slice(10, 500, "slice"))).isEqualTo(expected(small, 10, 510));
        assertThat(digest(mapped.slice(70_000, 100_000, "slice"))).isEqualTo(expected(large, 70_000, 170_000));
        assertThat(digest(ByteSource.of(new byte[0]))).isEqualTo(expected(new byte[0], 0, 0));
        // digesting leaves the source readable as before (the view is private)
        assertThat(mapped.bytes(0, 4, "head")).containsExactly(large[0], large[1], large[2], large[3]);
        assertThat(digest(mapped)).isEqualTo(expected(large, 0, large.length));
    }
}
