package dev.execray.runtime.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.runtime.Finding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SchedAnalysisTest {
    static String sched(long ms, int idle, int threads, int spinning, int runq, String local) {
        return String.format("SCHED %dms: gomaxprocs=4 idleprocs=%d threads=%d spinningthreads=%d idlethreads=1 runqueue=%d [%s]%n",
                ms, idle, threads, spinning, runq, local);
    }

    static SchedReport analyse(String log) throws IOException {
        SchedAnalysis a = new SchedAnalysis();
        ReadSummary r = TraceReader.read(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), a);
        return a.report(r);
    }

    @Test
    void aGlobalQueueRisingForTenSamplesIsAWarning() throws IOException {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            log.append(sched(i * 1000L, 0, 8, 0, i * 2, "1 0 2 1"));
        }
        SchedReport s = analyse(log.toString());
        assertThat(s.maxGlobalRunQueue()).isEqualTo(22);
        assertThat(s.findings()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo("global-runqueue-growing");
            assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
        });
    }

    @Test
    void aQueueThatGoesUpAndDownIsNot() throws IOException {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            log.append(sched(i * 1000L, 0, 8, 0, i % 3 == 0 ? 0 : 9, "1 0 2 1"));
        }
        assertThat(analyse(log.toString()).findings()).extracting(Finding::code).doesNotContain("global-runqueue-growing");
    }

    @Test
    void idlePsWhileWorkWaitsCountOnlyInRunsOfThree() throws IOException {
        String twice = sched(0, 2, 8, 0, 3, "0 0 0 0") + sched(1000, 2, 8, 0, 3, "0 0 0 0") + sched(2000, 0, 8, 0, 3, "0 0 0 0");
        SchedReport a = analyse(twice);
        assertThat(a.idleWhileWorkSamples()).isEqualTo(2);
        assertThat(a.findings()).extracting(Finding::code).doesNotContain("idle-procs-while-work-waits");
        SchedReport b = analyse(twice + sched(3000, 1, 8, 0, 0, "0 0 4 0") + sched(4000, 1, 8, 0, 0, "0 0 4 0")
                + sched(5000, 1, 8, 0, 0, "0 0 4 0"));
        assertThat(b.findings()).extracting(Finding::code).contains("idle-procs-while-work-waits");
    }

    @Test
    void manyThreadsForGomaxprocs() throws IOException {
        SchedReport s = analyse(sched(0, 0, 6, 0, 0, "0 0 0 0") + sched(1000, 0, 60, 0, 0, "0 0 0 0"));
        assertThat(s.maxThreads()).isEqualTo(60);
        assertThat(s.findings()).extracting(Finding::code).contains("many-threads");
    }

    @Test
    void perPQueuesHaveTheirOwnTimelines() throws IOException {
        SchedReport s = analyse(sched(0, 0, 6, 0, 0, "1 2 3 200") + sched(1000, 0, 6, 1, 0, "3 2 1 0"));
        assertThat(s.procs()).hasSize(4);
        assertThat(s.procs().get(0).meanRunQueue()).isEqualTo(2.0);
        assertThat(s.procs().get(3).maxRunQueue()).isEqualTo(200);
        assertThat(s.maxSpinningThreads()).isEqualTo(1);
        assertThat(s.findings()).extracting(Finding::code).contains("long-local-queue");
    }
}
