package dev.execray.rootfs.image;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.execray.rootfs.Bound;
import dev.execray.rootfs.BoundExceededException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Arbitrary bytes as an image archive: the reader may refuse them, with {@link ImageFormatException}
 * or an I/O error, but must never crash, hang or unpack past its limits.
 */
class ContainerImageFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void anyBytesAsAnImageArchive(byte[] data) throws IOException {
        Path dir = Files.createTempDirectory("xr-fuzz-image");
        Path tar = dir.resolve("image.tar");
        try {
            Files.write(tar, data);
            Bound.UNPACKED_BYTES.set(8L << 20);
            Bound.IMAGE_ENTRIES.set(10_000);
            try (ContainerImage image = ContainerImage.open(tar, Optional.empty())) {
                image.list(java.util.List.of());
            } catch (ImageFormatException | IOException | UncheckedIOException | BoundExceededException expected) {
                // refused with a message: fine
            }
        } finally {
            Bound.UNPACKED_BYTES.reset();
            Bound.IMAGE_ENTRIES.reset();
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
