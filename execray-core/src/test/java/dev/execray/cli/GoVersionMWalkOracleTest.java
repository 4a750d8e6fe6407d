package dev.execray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.golang.BuildInfoReader.Dialect;
import dev.execray.truth.Oracle;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * go --modinfo over whole directories against go version -m over the same directories, stdout and stderr byte
 * for byte: the walk's order, its silence for files that are not Go binaries, and the two shortcuts a walk takes
 * (ElfBuildInfoScan for ELF files, one head read for formats without a build-info reader) must print exactly
 * what the general reader would, which prints exactly what Go does (GoOracleTest, file by file).
 */
@Tag("oracle")
class GoVersionMWalkOracleTest {
    @Test
    void directoriesPrintWhatGoVersionMPrints() throws Exception {
        Oracle.require(Oracle.onPath("go"), "oracle go --modinfo walk: go (apt-get install golang-go)");
        List<String> dirs = new ArrayList<>(List.of("fixtures/out", "/usr/lib/go-1.19", "/usr/bin"));
        for (String extra : List.of("/tmp/execray-go-platforms", "/tmp/execray-go-modinfo-corpus")) {
            if (Files.isDirectory(Path.of(extra))) {
                dirs.add(extra); // GoPlatformsOracleTest's builds and bench/go-modinfo.sh's corpus, when present
            }
        }
        int goBinaries = 0;
        int compared = 0;
        for (String d : dirs) {
            if (!Files.isDirectory(Path.of(d))) {
                continue;
            }
            Process p = new ProcessBuilder("go", "version", "-m", d).start();
            byte[] goOut = p.getInputStream().readAllBytes();
            byte[] goErr = p.getErrorStream().readAllBytes();
            assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            new GoVersionM(out, err, Dialect.GO_1_19, false).run(List.of(d));
            assertThat(out.toByteArray()).as("stdout for " + d).isEqualTo(goOut);
            assertThat(err.toByteArray()).as("stderr for " + d).isEqualTo(goErr);
            compared++;
            goBinaries += (int) new String(goOut, java.nio.charset.StandardCharsets.ISO_8859_1).lines()
                    .filter(l -> !l.startsWith("\t")).count();
        }
        Oracle.atLeast(goBinaries, 40, "Go binaries printed by directory walks");
        System.out.println("oracle go --modinfo DIR: " + compared + " directories, " + goBinaries
                + " Go binaries, stdout and stderr byte-identical to go version -m");
    }
}
