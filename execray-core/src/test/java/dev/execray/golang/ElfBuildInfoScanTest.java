package dev.execray.golang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.golang.BuildInfoReader.Dialect;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ElfBuildInfoScan must answer as BuildInfoReader over GoImages.open does, or say it is unsure: on every fixture
 * (ELF and the other formats, which it must leave alone), the Go installation's programs, and hostile variants
 * of ELF Go binaries (headers, tables and the blob corrupted at seeded random places, files cut short).
 */
class ElfBuildInfoScanTest {
    @TempDir
    Path tmp;

    /** What the general reader says: the build info, or the kind of its failure. */
    private static Object general(Path f, Dialect d) throws IOException {
        try {
            ByteSource src = ByteSource.map(f);
            if (src.size() < 16) {
                return BuildInfoException.Kind.UNRECOGNIZED;
            }
            return BuildInfoReader.read(GoImages.open(src), d);
        } catch (BuildInfoException e) {
            return e.kind();
        } catch (BinaryFormatException e) {
            return BuildInfoException.Kind.UNRECOGNIZED;
        }
    }

    private static ElfBuildInfoScan.Outcome lean(Path f, Dialect d) throws IOException {
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "r")) {
            return ElfBuildInfoScan.read(r, r.length(), d);
        }
    }

    /** Returns 1 when the lean reader decided (and agreed), 0 when it was unsure. */
    private static int agree(Path f, Dialect d) throws IOException {
        ElfBuildInfoScan.Outcome o = lean(f, d);
        Object g = general(f, d);
        if (o instanceof ElfBuildInfoScan.Found found) {
            assertThat(g).as(f + " " + d).isEqualTo(found.info());
            return 1;
        }
        if (o instanceof ElfBuildInfoScan.Failed failed) {
            // a walk prints nothing for any failure; the kind is compared where the general reader failed the same way
            assertThat(g).as(f + " " + d + ": lean failed with " + failed.why().getMessage())
                    .isInstanceOf(BuildInfoException.Kind.class);
            return 1;
        }
        return 0;
    }

    private static List<Path> corpus() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String dir : List.of("fixtures/out/go", "fixtures/out/c", "/usr/lib/go-1.19/bin",
                "/usr/lib/go-1.19/pkg/tool/linux_amd64")) {
            Path d = Path.of(dir);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    s.filter(Files::isRegularFile).sorted().forEach(out::add);
                }
            }
        }
        return out;
    }

    @Test
    void answersAsTheGeneralReaderOnRealFiles() throws IOException {
        int decided = 0;
        int found = 0;
        List<Path> files = corpus();
        for (Path f : files) {
            for (Dialect d : Dialect.values()) {
                decided += agree(f, d);
                if (lean(f, d) instanceof ElfBuildInfoScan.Found) {
                    found++;
                }
            }
        }
        assertThat(files).hasSizeGreaterThan(40);
        // every ELF Go fixture (linux, freebsd, 32/64-bit, both byte orders, PIE, cgo) is decided here
        assertThat(found).isGreaterThanOrEqualTo(2 * 16);
        assertThat(decided).isGreaterThan(found);
    }

    @Test
    void leavesOtherFormatsToTheGeneralReader() throws IOException {
        for (String n : List.of("hello-windows-amd64", "hello-darwin-arm64", "hello-aix-ppc64", "hello-js-wasm")) {
            assertThat(lean(Path.of("fixtures/out/go", n), Dialect.GO_1_19)).isInstanceOf(ElfBuildInfoScan.Unsure.class);
        }
    }

    @Test
    void corruptedElfGoBinariesNeverThrowAndNeverDisagree() throws Exception {
        Random rnd = new Random(13);
        int decided = 0;
        int cases = 0;
        for (String n : List.of("hello-linux-amd64", "hello-linux-386.stripped", "hello-linux-ppc64",
                "hello-linux-arm64.stripped", "hello-linux-amd64-pie")) {
            byte[] orig = Files.readAllBytes(Path.of("fixtures/out/go", n));
            Optional<Long> blob = BuildInfoReader.read(GoImages.open(ByteSource.of(orig))).blobOffset();
            for (int k = 0; k < 60; k++) {
                byte[] b = orig.clone();
                int where = rnd.nextInt(4);
                int len = b.length;
                switch (where) {
                    case 0 -> b[rnd.nextInt(64)] = (byte) rnd.nextInt(256);          // ELF header
                    case 1 -> {                                                       // header tables at the end
                        for (int i = 0; i < 8; i++) {
                            b[b.length - 1 - rnd.nextInt(Math.min(b.length, 4096))] = (byte) rnd.nextInt(256);
                        }
                    }
                    case 2 -> b[(int) (blob.orElse(0L) + rnd.nextInt(64))] = (byte) rnd.nextInt(256); // the blob
                    default -> len = rnd.nextInt(b.length);                          // cut short
                }
                Path f = tmp.resolve(n + "." + k);
                Files.write(f, java.util.Arrays.copyOf(b, len));
                for (Dialect d : Dialect.values()) {
                    decided += agree(f, d);
                    cases++;
                }
                Files.delete(f);
            }
        }
        assertThat(cases).isEqualTo(600);
        assertThat(decided).isGreaterThan(300);
    }
}
