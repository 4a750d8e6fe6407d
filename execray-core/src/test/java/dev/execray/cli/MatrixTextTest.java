package dev.execray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** matrix text: the grid, then each reason once with the cells it explains, then the counts. */
class MatrixTextTest {
    private static final String MUSL = "fixtures/out/c/hello-musl";
    private static final String ARM = "fixtures/out/c/hello-aarch64";
    private static final String STATIC = "fixtures/out/c/hello-musl-static";

    @Test
    void aReasonSharedByManyCellsIsPrintedOnceWithTheCellsItExplains() {
        CliRun r = CliRun.of("matrix", "--targets", "windows-11-amd64,alpine-3.20", MUSL, ARM, STATIC);
        assertThat(r.exit()).isEqualTo(ExitCode.FINDING);
        List<String> lines = r.out().lines().toList();
        assertThat(lines.stream().filter(l -> l.startsWith("\u2717 not a PE file"))).hasSize(1)
                .first().asString().endsWith("(3 cells)");
        assertThat(r.out()).contains("    " + MUSL + " on windows-11-amd64\n", "    " + ARM + " on windows-11-amd64\n");
        assertThat(r.out()).contains("they would see (" + MUSL + "): hello-musl is not a valid Win32 application.");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("2 run, 0 depend on what execray cannot see, 4 fail (3 files × 2 places)");
    }

    @Test
    void onlyFailsLeavesOutTheRowsThatRunEverywhereButKeepsTheCounts() {
        CliRun all = CliRun.of("matrix", "--targets", "alpine-3.20,debian-12", MUSL, STATIC);
        CliRun fails = CliRun.of("matrix", "--only-fails", "--targets", "alpine-3.20,debian-12", MUSL, STATIC);
        assertThat(all.out()).contains(STATIC + "  ");
        assertThat(fails.out()).doesNotContain(STATIC).contains(MUSL + "  ");
        assertThat(fails.out().lines().reduce((a, b) -> b).orElseThrow())
                .isEqualTo("3 run, 0 depend on what execray cannot see, 1 fail (2 files × 2 places)");
        assertThat(fails.exit()).isEqualTo(ExitCode.FINDING);
    }
}
