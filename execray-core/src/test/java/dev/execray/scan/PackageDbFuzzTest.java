package dev.execray.scan;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** Any bytes as an rpm header blob or an apk installed DB: refused or read, never thrown. */
class PackageDbFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void anyBytesAsAnRpmHeader(byte[] input) {
        RpmDb.parseHeader(input).ifPresent(h -> RpmDb.purl("fuzz", h));
    }

    @FuzzTest(maxDuration = "30s")
    void anyTextAsAnApkDatabase(byte[] input) {
        ApkDb.parse(new String(input, StandardCharsets.UTF_8), "alpine");
    }
}
