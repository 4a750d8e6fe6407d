package dev.execray.rootfs.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import dev.execray.rootfs.Bound;
import dev.execray.rootfs.BoundExceededException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ContainerImageTest {
    @TempDir
    Path tmp;

    private static List<String> p(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    private static String read(ContainerImage image, String path) throws IOException {
        ImageEntry e = image.entry(p(path)).orElseThrow();
        FileRegion c = e.content().orElseThrow();
        return new String(c.read(0, (int) c.size()), StandardCharsets.UTF_8);
    }

    private TestImage twoLayers(TestImage.Compression compression) {
        TestImage img = new TestImage();
        img.entrypoint = List.of("/usr/bin/app");
        img.cmd = List.of("--serve");
        img.layer().compression(compression)
                .dir("usr").dir("usr/bin").file("usr/bin/app", "v1".getBytes(), 0100755)
                .file("usr/bin/old", "old")
                .dir("etc").file("etc/os-release", "ID=test\n")
                .dir("opt/cache").file("opt/cache/a", "a").file("opt/cache/b", "b")
                .symlink("bin", "usr/bin");
        img.layer().compression(compression)
                .file("usr/bin/app", "v2".getBytes(), 0100755)
                .whiteout("usr/bin", "old")
                .opaque("opt/cache").file("opt/cache/c", "c")
                .hardlink("usr/bin/app-link", "usr/bin/app");
        return img;
    }

    @ParameterizedTest
    @EnumSource(TestImage.Compression.class)
    void mergesLayersWithWhiteoutsOpaqueDirectoriesAndHardLinks(TestImage.Compression compression) throws Exception {
        Path layout = twoLayers(compression).writeOciLayout(tmp.resolve("oci"));
        try (ContainerImage image = ContainerImage.open(layout, Optional.empty())) {
            assertThat(read(image, "/usr/bin/app")).isEqualTo("v2");
            assertThat(image.entry(p("usr/bin/app")).orElseThrow().mode()).isEqualTo(0755);
            assertThat(image.entry(p("usr/bin/old"))).isEmpty();
            assertThat(image.list(p("opt/cache"))).containsExactly("c");
            assertThat(read(image, "usr/bin/app-link")).isEqualTo("v2");
            ImageEntry bin = image.entry(p("bin")).orElseThrow();
            assertThat(bin.kind()).isEqualTo(ImageEntry.Kind.SYMLINK);
            assertThat(bin.linkTarget()).contains("usr/bin");
            assertThat(image.config().startCommand()).containsExactly("/usr/bin/app", "--serve");
            assertThat(image.config().platform().toString()).isEqualTo("linux/amd64");
            assertThat(image.warnings()).isEmpty();
            assertThat(image.unpackedBytes()).isEqualTo(compression == TestImage.Compression.NONE ? 0 : 18);
        }
    }

    @Test
    void aDockerSaveArchiveAndAnOciTarGiveTheSameTree() throws Exception {
        TestImage img = twoLayers(TestImage.Compression.NONE);
        Path save = img.writeDockerSave(tmp.resolve("save.tar"));
        Path ociTar = TestImage.tarDirectory(img.writeOciLayout(tmp.resolve("oci")), tmp.resolve("oci.tar"));
        for (Path source : List.of(save, ociTar)) {
            try (ContainerImage image = ContainerImage.open(source, Optional.empty())) {
                assertThat(read(image, "usr/bin/app")).as(source.toString()).isEqualTo("v2");
                assertThat(image.list(p("usr/bin"))).containsExactly("app", "app-link");
                assertThat(image.list(p(""))).containsExactly("bin", "etc", "opt", "usr");
                // uncompressed layers inside a tar are read in place: nothing unpacked
                assertThat(image.unpackedBytes()).isZero();
            }
        }
    }

    @Test
    void entriesThatClimbOutOfTheRootAreSkippedAndReported() throws Exception {
        TestImage img = new TestImage();
        img.layer().file("../../evil", "x").file("a/../../../evil2", "x").file("/abs/ok", "fine")
                .symlink("etc-link", "/../../../etc").file("./sub/./file", "y");
        try (ContainerImage image = ContainerImage.open(img.writeOciLayout(tmp.resolve("oci")), Optional.empty())) {
            assertThat(image.warnings()).hasSize(2).allMatch(w -> w.contains("leaves the image root"));
            assertThat(image.list(p(""))).containsExactly("abs", "etc-link", "sub");
            assertThat(read(image, "abs/ok")).isEqualTo("fine");
            // a link is only data: it is kept verbatim, resolved later inside the root
            assertThat(image.entry(p("etc-link")).orElseThrow().linkTarget()).contains("/../../../etc");
        }
        // and nothing was written next to the image or above the temp dir
        assertThat(tmp.resolve("evil")).doesNotExist();
        assertThat(tmp.getParent().resolve("evil")).doesNotExist();
    }

    @Test
    void devicesAndFifosAreEntriesWithoutContent() throws Exception {
        TestImage img = new TestImage();
        img.layer().charDevice("dev/null");
        try (ContainerImage image = ContainerImage.open(img.writeOciLayout(tmp.resolve("oci")), Optional.empty())) {
            ImageEntry e = image.entry(p("dev/null")).orElseThrow();
            assertThat(e.kind()).isEqualTo(ImageEntry.Kind.CHAR_DEVICE);
            assertThat(e.content()).isEmpty();
        }
    }

    @Test
    void aHardLinkToNothingIsReportedNotFollowed() throws Exception {
        TestImage img = new TestImage();
        img.layer().hardlink("x", "../../etc/shadow").hardlink("y", "missing");
        try (ContainerImage image = ContainerImage.open(img.writeOciLayout(tmp.resolve("oci")), Optional.empty())) {
            assertThat(image.entry(p("x"))).isEmpty();
            assertThat(image.entry(p("y"))).isEmpty();
            assertThat(image.warnings()).hasSize(2);
        }
    }

    @Test
    void aMultiPlatformIndexNeedsOrDefaultsToAPlatform() throws Exception {
        Path dir = tmp.resolve("multi");
        Files.createDirectories(dir.resolve("blobs/sha256"));
        TestImage amd = new TestImage();
        amd.layer().file("which", "amd64");
        TestImage arm = new TestImage();
        arm.arch = "arm64";
        arm.layer().file("which", "arm64");
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var index = json.createObjectNode().put("schemaVersion", 2);
        var ms = index.putArray("manifests");
        ms.add(amd.writeManifest(dir));
        ms.add(arm.writeManifest(dir));
        Files.write(dir.resolve("index.json"), json.writeValueAsBytes(index));

        try (ContainerImage image = ContainerImage.open(dir, Optional.of(Platform.parse("linux/aarch64")))) {
            assertThat(read(image, "which")).isEqualTo("arm64");
            assertThat(image.config().platform().architecture()).isEqualTo("arm64");
        }
        try (ContainerImage image = ContainerImage.open(dir, Optional.of(Platform.parse("linux/amd64")))) {
            assertThat(read(image, "which")).isEqualTo("amd64");
        }
        assertThatThrownBy(() -> ContainerImage.open(dir, Optional.of(Platform.parse("linux/s390x"))))
                .isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("no manifest for platform linux/s390x")
                .hasMessageContaining("linux/amd64, linux/arm64");
    }

    @Test
    void theUnpackLimitStopsADecompressionBomb() throws Exception {
        TestImage img = new TestImage();
        img.layer().file("zeros", new byte[1 << 20], 0100644).file("more", "x");
        Path layout = img.writeOciLayout(tmp.resolve("oci"));
        try {
            Bound.UNPACKED_BYTES.set(1000);
            assertThatThrownBy(() -> ContainerImage.open(layout, Optional.empty()))
                    .isInstanceOf(BoundExceededException.class)
                    .hasMessageContaining("more than the 1000 bytes unpacked from one image allowed")
                    .hasMessageContaining("--limit unpacked-bytes=N");
            Bound.UNPACKED_BYTES.reset();
            Bound.IMAGE_ENTRIES.set(1);
            assertThatThrownBy(() -> ContainerImage.open(layout, Optional.empty()))
                    .hasMessageContaining("more than the 1 entries in one image allowed");
        } finally {
            Bound.UNPACKED_BYTES.reset();
            Bound.IMAGE_ENTRIES.reset();
        }
    }

    @Test
    void corruptImagesGiveOneClearError() throws Exception {
        Path notTar = Files.write(tmp.resolve("junk.tar"), "definitely not a tar archive".repeat(40).getBytes());
        assertThatThrownBy(() -> ContainerImage.open(notTar, Optional.empty())).isInstanceOf(ImageFormatException.class);

        Path layout = twoLayers(TestImage.Compression.GZIP).writeOciLayout(tmp.resolve("oci"));
        try (var blobs = Files.list(layout.resolve("blobs/sha256"))) {
            for (Path b : blobs.toList()) {
                byte[] head = Files.readAllBytes(b);
                if (head.length > 2 && (head[0] & 0xff) == 0x1f) {
                    Files.write(b, Arrays.copyOf(head, head.length / 2)); // truncate every gzip layer
                }
            }
        }
        assertThatThrownBy(() -> ContainerImage.open(layout, Optional.empty()))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("layer 0");

        Path badDigest = tmp.resolve("bad");
        Files.createDirectories(badDigest);
        Files.writeString(badDigest.resolve("index.json"),
                "{\"manifests\":[{\"digest\":\"sha256:../../../../etc/passwd\"}]}");
        assertThatThrownBy(() -> ContainerImage.open(badDigest, Optional.empty()))
                .hasMessageContaining("malformed digest");
    }

    @Test
    void aBlobThatIsASymlinkOutOfTheLayoutIsNotFollowed() throws Exception {
        Path layout = twoLayers(TestImage.Compression.GZIP).writeOciLayout(tmp.resolve("oci"));
        Path outside = Files.writeString(tmp.resolve("outside.json"), "{\"manifests\":[]}");
        Files.delete(layout.resolve("index.json"));
        Files.createSymbolicLink(layout.resolve("index.json"), outside);
        assertThatThrownBy(() -> ContainerImage.open(layout, Optional.empty()))
                .hasMessageContaining("neither an OCI layout");
    }
}
