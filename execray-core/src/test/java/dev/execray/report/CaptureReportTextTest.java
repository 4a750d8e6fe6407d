package dev.execray.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.runtime.CaptureReport;
import dev.execray.runtime.CaptureResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runtime capture}'s reports on recorded files, without running a program (the oracle test runs one). */
class CaptureReportTextTest {
    @TempDir
    Path tmp;

    private CaptureResult recorded(int status, boolean timedOut, Optional<Path> smaps) throws IOException {
        Path log = tmp.resolve("stderr.log");
        try (InputStream in = getClass().getResourceAsStream("/dev/execray/runtime/trace/go1.19-churn-all.log")) {
            Files.copy(in, log, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path out = Files.writeString(tmp.resolve("stdout.log"), "");
        return new CaptureResult(List.of("./server", "--port", "8080"), "gctrace=1", 42, status, timedOut, 2500, log, out,
                smaps, 120, 7);
    }

    @Test
    void theEndFirstThenTheFilesThenEachReport() throws IOException {
        Path smaps = Files.writeString(tmp.resolve("smaps-last.txt"),
                "7f0000200000-7f0000201000 rwxp 00000000 00:00 0                          [anon:jit]\n");
        CaptureReport c = CaptureReport.of(recorded(0, false, Optional.of(smaps)));
        String text = CaptureReportText.render(c);
        assertThat(text.lines().toList().get(0)).isEqualTo("\u2713 ./server --port 8080 exited with status 0 after 2.5 s "
                + "(GODEBUG=gctrace=1)");
        assertThat(text.lines().toList().get(1)).isEqualTo("  files      " + tmp.resolve("stderr.log") + ", "
                + tmp.resolve("stdout.log") + ", " + smaps + " (last of 7 snapshots, 120 ms before exit)");
        assertThat(text).contains(GcReportText.render(tmp.resolve("stderr.log").toString(), c.gc()))
                .contains(SchedReportText.render(tmp.resolve("stderr.log").toString(), c.sched())).contains("[W+X]");
        assertThat(c.mapsProblem()).isEmpty();
        assertThat(c.findings()).containsAll(c.gc().findings()).containsAll(c.maps().orElseThrow().findings());
        assertThat(CaptureReportText.json(c).keySet()).containsExactly("capture", "gc", "sched", "maps");
    }

    @Test
    void aFailedOrStoppedProgramAndAMissingSnapshotAreSaid() throws IOException {
        CaptureReport stopped = CaptureReport.of(recorded(0, true, Optional.empty()));
        assertThat(stopped.failed()).isTrue();
        assertThat(CaptureReportText.render(stopped)).startsWith("\u2717 ./server --port 8080 exited with status 0 "
                + "(stopped at the time limit) after 2.5 s").contains(", no maps snapshot (the program ended before the "
                + "first one)");
        CaptureReport unreadable = CaptureReport.of(recorded(1, false, Optional.of(tmp.resolve("gone"))));
        assertThat(unreadable.failed()).isTrue();
        assertThat(unreadable.maps()).isEmpty();
        assertThat(unreadable.mapsProblem()).hasValueSatisfying(p -> assertThat(p).startsWith(tmp.resolve("gone") + ": "));
    }
}
