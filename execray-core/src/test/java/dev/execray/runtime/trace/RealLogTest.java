package dev.execray.runtime.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Logs of a real Go 1.19 program (src/test/resources/.../gofixture/main.go, run with the GODEBUG in
 * the file name's test), with the runtime's own MemStats printed on stdout at exit to check against.
 */
class RealLogTest {
    static byte[] resource(String name) throws IOException {
        try (InputStream in = RealLogTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void everyLineOfARealLogWithAllTracesIsRead() throws IOException {
        byte[] log = resource("go1.19-churn-all.log");
        GcAnalysis gc = new GcAnalysis();
        ReadSummary r = TraceReader.read(new ByteArrayInputStream(log), gc);
        assertThat(r.unreadableCount()).isZero();
        assertThat(r.programOutputLines()).isZero();
        assertThat(r.traceLines()).isEqualTo(r.lines());
        assertThat(r.linesByFormat()).containsKeys(LineFormat.GC_WITH_STACKS, LineFormat.SCAV_WORK_TOTAL,
                LineFormat.PACER_START, LineFormat.PACER_END, LineFormat.SCHED_WITHOUT_NEEDSPINNING, LineFormat.INIT);

        JsonNode stats = new ObjectMapper().readTree(resource("go1.19-churn-all.stdout.json"));
        GcReport g = gc.report(r);
        assertThat(g.cycles()).as("cycles against runtime.MemStats.NumGC").isEqualTo(stats.get("numGC").asLong());
        assertThat(g.procs()).isEqualTo(stats.get("gomaxprocs").asInt());
        assertThat(g.sequenceBreaks()).isZero();
    }

    @Test
    void pausesAgreeWithTheRuntimesPauseNsWithinPrintTruncation() throws IOException {
        byte[] log = resource("go1.19-churn-all.log");
        List<Long> perCycle = new ArrayList<>();
        TraceReader.read(new ByteArrayInputStream(log), (line, e) -> {
            if (e instanceof TraceEvent.GcCycle g) {
                perCycle.add(g.stopTheWorldMicros());
            }
        });
        JsonNode pauses = new ObjectMapper().readTree(resource("go1.19-churn-all.stdout.json")).get("pauseNs");
        int offset = perCycle.size() - pauses.size();
        int agree = 0;
        for (int i = 0; i < pauses.size(); i++) {
            long ns = pauses.get(i).asLong();
            long printed = perCycle.get(offset + i) * 1000;
            // fmtNSAsMS keeps 2 significant digits and truncates, each of two values: at most ~10% + 2 µs below
            if (printed <= ns && ns - printed <= ns / 10 + 2000) {
                agree++;
            }
        }
        assertThat(agree).isEqualTo(pauses.size());
    }

    @Test
    void aRealDetailLogGivesPerPQueuesFromThePLines() throws IOException {
        byte[] log = resource("go1.19-churn-detail.log");
        SchedAnalysis s = new SchedAnalysis();
        ReadSummary r = TraceReader.read(new ByteArrayInputStream(log), s);
        assertThat(r.unreadableCount()).isZero();
        SchedReport rep = s.report(r);
        assertThat(rep.detailed()).isTrue();
        assertThat(rep.samples()).isEqualTo(r.linesByFormat().get(LineFormat.SCHED_WITHOUT_NEEDSPINNING));
        assertThat(rep.procs()).extracting(SchedReport.ProcQueue::id).containsExactly(0, 1);
        assertThat(rep.procs()).allSatisfy(p -> assertThat(p.samples()).isEqualTo(rep.samples()));
        assertThat(rep.maxGoroutines()).isGreaterThanOrEqualTo(8); // main, the runtime's own, and 8 workers at times
    }

    @Test
    void everyTruncationOfEveryRealLineIsReadOrReportedNeverThrown() throws IOException {
        String log = new String(resource("go1.19-churn-all.log"), StandardCharsets.UTF_8)
                + new String(resource("go1.19-churn-detail.log"), StandardCharsets.UTF_8);
        TraceLineParser p = new TraceLineParser();
        long events = 0;
        long unreadable = 0;
        for (String line : log.split("\n")) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            assertThat(p.parse(b, 0, b.length)).as(line).isInstanceOf(TraceLineParser.Event.class);
            for (int cut = 0; cut < b.length; cut++) {
                TraceLineParser.Result r = p.parse(b, 0, cut);
                if (r instanceof TraceLineParser.Event) {
                    events++;
                } else if (r instanceof TraceLineParser.Unreadable) {
                    unreadable++;
                }
            }
        }
        // a cut line is almost always unreadable; it can be whole where optional tails end ("(forced)", "[0 1]")
        assertThat(unreadable).isGreaterThan(events * 20);
    }

    @Test
    void programOutputInterleavedWithTheRuntimesIsCountedApart() throws IOException {
        String log = "starting server\n"
                + "gc 1 @0.004s 2%: 0.010+0.50+0.003 ms clock, 0.040+0.10/0.40/0.20+0.012 ms cpu, 4->4->0 MB, 4 MB goal, "
                + "0 MB stacks, 0 MB globals, 4 P\n"
                + "request 1 ok\r\n"
                + "served 3 requestsgc 2 @0.010s 2%: 0.010+0.50+0.003 ms clock, 0.040+0.10/0.40/0.20+0.012 ms cpu, 4->4->0 MB, "
                + "4 MB goal, 0 MB stacks, 0 MB globals, 4 P\n"
                + "gc 3 @0.0";
        GcAnalysis gc = new GcAnalysis();
        ReadSummary r = TraceReader.read(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), gc);
        assertThat(r.lines()).isEqualTo(5);
        assertThat(r.programOutputLines()).isEqualTo(2);
        assertThat(r.interleavedLines()).isEqualTo(1);
        assertThat(r.unreadableCount()).isEqualTo(1);
        assertThat(r.unreadable().get(0).line()).isEqualTo(5);
        assertThat(gc.report(r).cycles()).isEqualTo(2);
    }
}
