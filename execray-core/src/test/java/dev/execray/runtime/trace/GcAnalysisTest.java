package dev.execray.runtime.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.runtime.Finding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GcAnalysisTest {
    static String gcLine(long n, long startMs, String clock, String heap, long goal, boolean forced) {
        return String.format("gc %d @%d.%03ds 1%%: %s ms clock, 0.040+0.10/0.40/0.20+0.012 ms cpu, %s MB, %d MB goal, "
                + "0 MB stacks, 0 MB globals, 4 P%s%n", n, startMs / 1000, startMs % 1000, clock, heap, goal, forced ? " (forced)" : "");
    }

    static GcReport analyse(String log) throws IOException {
        GcAnalysis a = new GcAnalysis();
        ReadSummary r = TraceReader.read(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), a);
        return a.report(r);
    }

    @Test
    void pauseQuantilesAreExactNearestRank() throws IOException {
        StringBuilder log = new StringBuilder();
        // 100 cycles: sweep termination pauses 1..100 µs, mark termination 0.5 ms each
        for (int i = 1; i <= 100; i++) {
            log.append(gcLine(i, i * 100L, String.format("0.%03d+1.0+0.50", i), "8->8->4", 8, false));
        }
        GcReport g = analyse(log.toString());
        assertThat(g.cycles()).isEqualTo(100);
        assertThat(g.stwPauses().count()).isEqualTo(200);
        assertThat(g.stwPauses().p50Micros()).isEqualTo(100); // 100 values 1..100, then 100 of 500
        assertThat(g.stwPauses().p95Micros()).isEqualTo(500);
        assertThat(g.stwPauses().maxMicros()).isEqualTo(500);
        assertThat(g.cyclePauses().p50Micros()).isEqualTo(550);
        assertThat(g.cyclePauses().p99Micros()).isEqualTo(599);
        assertThat(g.findings()).extracting(Finding::code).doesNotContain("long-stw-pause");
    }

    @Test
    void aTenMillisecondPauseIsAWarningWithItsReason() throws IOException {
        GcReport g = analyse(gcLine(1, 100, "12+1.0+0.50", "8->8->4", 8, false) + gcLine(2, 200, "0.010+1.0+0.010", "8->8->4", 8, false));
        assertThat(g.findings()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo("long-stw-pause");
            assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(f.message()).contains("max 12.000 ms");
            assertThat(f.why()).contains("preemption");
        });
    }

    @Test
    void forcedCyclesAndHeapOverGoalAreCounted() throws IOException {
        StringBuilder log = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            // every other cycle ends at 40 MB against a 32 MB goal (25% over)
            log.append(gcLine(i, i * 1000L, "0.010+1.0+0.010", i % 2 == 0 ? "30->40->20" : "30->31->20", 32, i % 4 == 0));
        }
        GcReport g = analyse(log.toString());
        assertThat(g.forcedCycles()).isEqualTo(5);
        assertThat(g.overGoalCycles()).isEqualTo(10);
        assertThat(g.findings()).extracting(Finding::code).contains("forced-gc", "heap-over-goal");
    }

    @Test
    void gcCpuFractionComesFromTheCpuTimesOverTheCpuAvailable() throws IOException {
        // per cycle 0.040+0.10+0.40+0.012 = 0.552 ms of GC CPU (idle 0.20 not counted), cycles 1 s apart on 4 Ps
        StringBuilder log = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            log.append(gcLine(i, i * 1000L, "0.010+1.0+0.010", "8->8->4", 8, false));
        }
        GcReport g = analyse(log.toString());
        assertThat(g.gcCpuFraction()).isCloseTo(10 * 0.552 / (10 * 1000.0 * 4), org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void renumberedCyclesAreSeveralRuns() throws IOException {
        GcReport g = analyse(gcLine(1, 10, "0.01+1+0.01", "4->4->1", 4, false) + gcLine(2, 20, "0.01+1+0.01", "4->4->1", 4, false)
                + gcLine(1, 5, "0.01+1+0.01", "4->4->1", 4, false));
        assertThat(g.sequenceBreaks()).isEqualTo(1);
        assertThat(g.findings()).extracting(Finding::code).contains("several-runs");
    }

    @Test
    void theTimelineStaysBoundedForLongLogs() throws IOException {
        StringBuilder log = new StringBuilder();
        for (int i = 1; i <= 5000; i++) {
            log.append(gcLine(i, i * 10L, "0.010+1.0+0.010", i == 4321 ? "900->950->400" : "8->8->4", 8, false));
        }
        GcReport g = analyse(log.toString());
        assertThat(g.timeline()).hasSizeLessThanOrEqualTo(GcAnalysis.TIMELINE_BUCKETS);
        assertThat(g.timeline().stream().mapToLong(GcReport.GcPoint::cycles).sum()).isEqualTo(5000);
        assertThat(g.timeline()).anySatisfy(p -> assertThat(p.heapEndMB()).as("a one-cycle peak survives downsampling").isEqualTo(950));
    }
}
