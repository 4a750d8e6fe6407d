package dev.execray.rootfs.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.execray.hostile.OciWriter;
import dev.execray.hostile.RawTar;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archive fidelity: sparse entries of every format, Docker's order for whiteouts and hard links, non-tar layers. */
class SparseAndOrderTest {
    private static final String TAR = "application/vnd.oci.image.layer.v1.tar";
    private static final String GZ = "application/vnd.oci.image.layer.v1.tar+gzip";

    @TempDir
    Path tmp;

    private interface Writer {
        void write(RawTar t) throws IOException;
    }

    private Path image(String name, boolean gzip, Writer... layers) throws IOException {
        List<Path> files = new java.util.ArrayList<>();
        int i = 0;
        for (Writer w : layers) {
            Path f = tmp.resolve(name + "-layer" + i++);
            try (OutputStream raw = Files.newOutputStream(f);
                    OutputStream out = gzip ? new GzipCompressorOutputStream(raw) : raw) {
                RawTar t = new RawTar(out);
                w.write(t);
                t.finish();
            }
            files.add(f);
        }
        return OciWriter.write(tmp.resolve(name), "{\"os\":\"linux\",\"architecture\":\"amd64\",\"config\":{}}", files,
                files.stream().map(f -> gzip ? GZ : TAR).toList());
    }

    private static byte[] read(ContainerImage img, String path) throws IOException {
        FileRegion r = img.entry(List.of(path.split("/"))).orElseThrow().content().orElseThrow();
        return r.read(0, (int) r.size());
    }

    private static byte[] expected(long size, List<RawTar.Run> runs) {
        byte[] b = new byte[(int) size];
        runs.forEach(r -> System.arraycopy(r.data(), 0, b, (int) r.offset(), r.data().length));
        return b;
    }

    @Test
    void everySparseFormatIsReadFromItsOwnDataWithHolesAsZeros() throws Exception {
        for (boolean gzip : new boolean[] {false, true}) {
            List<List<RawTar.Run>> maps = List.of(
                    List.of(new RawTar.Run(0, "#!/first\n".getBytes(StandardCharsets.US_ASCII)),
                            new RawTar.Run(70_000, "tail-one".getBytes(StandardCharsets.US_ASCII))),
                    List.of(new RawTar.Run(4096, "second-data".getBytes(StandardCharsets.US_ASCII))));
            Path img = image("sparse-" + gzip, gzip, t -> {
                for (RawTar.SparseFormat f : RawTar.SparseFormat.values()) {
                    t.sparse(f.name() + "-a", 100_000, maps.get(0), f);
                    t.sparse(f.name() + "-b", 8192, maps.get(1), f);
                }
            });
            try (ContainerImage ci = ContainerImage.open(img, Optional.empty())) {
                for (RawTar.SparseFormat f : RawTar.SparseFormat.values()) {
                    assertThat(read(ci, f.name() + "-a")).as(f + " a, gzip " + gzip).isEqualTo(expected(100_000, maps.get(0)));
                    assertThat(read(ci, f.name() + "-b")).as(f + " b, gzip " + gzip).isEqualTo(expected(8192, maps.get(1)));
                }
                // only the data runs count as unpacked, never the holes
                assertThat(ci.unpackedBytes()).isEqualTo(4L * (9 + 8 + 11));
                assertThat(ci.warnings()).isEmpty();
            }
        }
    }

    @Test
    void whiteoutsAndHardLinksActInArchiveOrderAsDockerApplies() throws Exception {
        byte[] one = "one".getBytes(StandardCharsets.US_ASCII);
        Path img = image("order", false,
                t -> {
                    t.file("d/lower", one);
                    t.file("keep", one);
                },
                t -> {
                    t.file("d/new-before", one);
                    t.file("d/.wh..wh..opq", new byte[0]); // removes what lower layers put in d, not this layer's
                    t.file("d/new-after", one);
                    t.file("x", "first".getBytes(StandardCharsets.US_ASCII));
                    t.hardlink("hx", "x"); // the content x has now
                    t.file("x", "second".getBytes(StandardCharsets.US_ASCII)); // a later entry replaces
                    t.symlink("s", "/keep");
                    t.hardlink("hs", "s"); // link(2) of a symlink: a second symlink
                    t.file(".wh.keep", new byte[0]);
                    t.hardlink("dangling", "nothing/here");
                });
        try (ContainerImage ci = ContainerImage.open(img, Optional.empty())) {
            assertThat(ci.list(List.of("d"))).containsExactly("new-after", "new-before");
            assertThat(new String(read(ci, "x"), StandardCharsets.US_ASCII)).isEqualTo("second");
            assertThat(new String(read(ci, "hx"), StandardCharsets.US_ASCII)).isEqualTo("first");
            assertThat(ci.entry(List.of("hs")).orElseThrow().linkTarget()).contains("/keep");
            assertThat(ci.entry(List.of("keep"))).isEmpty();
            assertThat(ci.warnings()).singleElement().asString().contains("dangling");
            assertThat(ci.dockerRefusals()).hasSize(1);
        }
    }

    @Test
    void aLayerThatIsNotATarIsRefused() throws Exception {
        Path json = Files.writeString(tmp.resolve("l.json"), "{\"a\": 1}");
        Path img = OciWriter.write(tmp.resolve("json"), "{\"os\":\"linux\",\"architecture\":\"amd64\"}", List.of(json),
                List.of(TAR));
        assertThatThrownBy(() -> ContainerImage.open(img, Optional.empty())).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("not a tar archive");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream o = new GzipCompressorOutputStream(gz)) {
            o.write("plain text, gzip-compressed, not a tar".repeat(30).getBytes(StandardCharsets.US_ASCII));
        }
        Path gzFile = Files.write(tmp.resolve("l.gz"), gz.toByteArray());
        Path img2 = OciWriter.write(tmp.resolve("gz"), "{\"os\":\"linux\",\"architecture\":\"amd64\"}", List.of(gzFile),
                List.of(GZ));
        assertThatThrownBy(() -> ContainerImage.open(img2, Optional.empty())).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("not a tar archive");
    }
}
