package dev.execray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class RuntimeCommandTest {
    @TempDir
    Path tmp;

    private Path resource(String name) throws IOException {
        Path p = tmp.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/dev/execray/runtime/trace/" + name)) {
            Files.copy(in, p);
        }
        return p;
    }

    @Test
    void gcPrintsTheVerdictFirstAndJsonCarriesTheSameFacts() throws Exception {
        Path log = resource("go1.19-churn-all.log");
        CliRun text = CliRun.of("runtime", "gc", log.toString());
        assertThat(text.out().lines().findFirst().orElseThrow()).matches("[\u2713\u2717] gc: 140 cycles, stop-the-world p99 .*");
        assertThat(text.out()).contains("pauses", "GC CPU", "heap", "scavenger");
        CliRun json = CliRun.of("runtime", "gc", "--json", log.toString());
        JsonNode n = new ObjectMapper().readTree(json.out());
        assertThat(n.get("cycles").asLong()).isEqualTo(140);
        assertThat(n.get("stwPauses").get("p99Micros").asLong()).isPositive();
        assertThat(n.get("read").get("unreadableCount").asLong()).isZero();
        assertThat(json.exit()).isEqualTo(text.exit()).isIn(ExitCode.OK, ExitCode.FINDING);
    }

    @Test
    void gcDrawsAWellFormedSelfContainedSvg() throws Exception {
        Path log = resource("go1.19-churn-all.log");
        Path svg = tmp.resolve("gc.svg");
        CliRun r = CliRun.of("runtime", "gc", "--svg", svg.toString(), log.toString());
        assertThat(r.err()).doesNotContain("execray:");
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertThat(d.getDocumentElement().getTagName()).isEqualTo("svg");
        String s = Files.readString(svg);
        assertThat(s).contains("heap (MB)", "pause (ms)", "time since program start (s)", "heap goal", "live heap")
                .doesNotContain("<script", "href=");
    }

    @Test
    void schedReportsQueuesAndThreads() throws Exception {
        Path log = resource("go1.19-churn-detail.log");
        CliRun r = CliRun.of("runtime", "sched", log.toString());
        assertThat(r.out()).contains("run queues", "threads", "with scheddetail");
        JsonNode n = new ObjectMapper().readTree(CliRun.of("runtime", "sched", "--json", log.toString()).out());
        assertThat(n.get("detailed").asBoolean()).isTrue();
        assertThat(n.get("procs")).hasSize(2);
    }

    @Test
    void mapsOfASavedFileAndTwoFilesCompared() throws Exception {
        Path a = tmp.resolve("a.maps");
        Files.writeString(a, "7f0000000000-7f0000100000 rw-p 00000000 00:00 0 \n"
                + "7f0000200000-7f0000201000 rwxp 00000000 00:00 0                          [anon:jit]\n");
        Path b = tmp.resolve("b.maps");
        Files.writeString(b, "7f0000000000-7f0000300000 rw-p 00000000 00:00 0 \n");
        CliRun one = CliRun.of("runtime", "maps", a.toString());
        assertThat(one.exit()).as("a W+X mapping is a warning").isEqualTo(ExitCode.FINDING);
        assertThat(one.out()).contains("[anon:jit]", "[W+X]");
        CliRun diff = CliRun.of("runtime", "maps", a.toString(), b.toString());
        assertThat(diff.exit()).isEqualTo(ExitCode.OK);
        assertThat(diff.out()).contains("+2048", "[anon]").contains("removed");
        assertThat(CliRun.of("runtime", "maps", tmp.resolve("missing").toString()).exit()).isEqualTo(ExitCode.BAD_INPUT);
    }

    @Test
    void mapsOfThisJvm() {
        CliRun r = CliRun.of("runtime", "maps", "--smaps", Long.toString(ProcessHandle.current().pid()));
        assertThat(r.out()).contains("libjvm.so", "PSS");
    }

    @Test
    void captureRefusesAMalformedGodebugBeforeRunningAnything() {
        CliRun r = CliRun.of("runtime", "capture", "--godebug", "gctrace=1,schedtrace,gctrac=1", "--", "/bin/false");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("\"schedtrace\": no '='").contains("unknown key \"gctrac\"").contains("nearest known: gctrace")
                .doesNotContain("running");
    }

    @Test
    void aMissingLogIsBadInput() {
        CliRun r = CliRun.of("runtime", "gc", tmp.resolve("nope.log").toString());
        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).startsWith("execray: ");
    }
}
