package dev.execray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.execray.runtime.GoFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `execray runtime capture` runs the real Go fixture and reports on what the real runtime printed. */
@Tag("oracle")
class RuntimeCaptureOracleTest {
    @TempDir
    Path tmp;

    @Test
    void captureRunsAGoProgramAndReportsItsTracesAndMaps() throws Exception {
        Path bin = GoFixture.binary();
        Path out = tmp.resolve("cap");
        CliRun r = CliRun.of("runtime", "capture", "--json", "--interval", "20", "--out", out.toString(),
                "--godebug", "gctrace=1,schedtrace=50,scheddetail=1", "--", bin.toString(), "churn", "40000");
        JsonNode n = new ObjectMapper().readTree(r.out());
        assertThat(n.get("capture").get("exitStatus").asInt()).isZero();
        JsonNode stats = new ObjectMapper().readTree(Files.readString(out.resolve("stdout.log")));
        assertThat(n.get("gc").get("cycles").asLong()).isEqualTo(stats.get("numGC").asLong());
        assertThat(n.get("sched").get("detailed").asBoolean()).isTrue();
        assertThat(n.get("maps").get("objects").toString()).contains(bin.toString());
        assertThat(Files.exists(out.resolve("smaps-last.txt"))).isTrue();
        System.out.printf("oracle capture: gc %d/%d cycles, %d smaps snapshots%n", n.get("gc").get("cycles").asLong(),
                stats.get("numGC").asLong(), n.get("capture").get("smapsSnapshots").asInt());
    }
}
