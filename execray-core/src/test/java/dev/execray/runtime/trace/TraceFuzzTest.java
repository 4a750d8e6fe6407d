package dev.execray.runtime.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Any bytes as a runtime log: every line is an event, program output or a reported unreadable line;
 * nothing throws, nothing grows without bound. Seeds are real lines of each format and their
 * truncations (TraceFuzzTestInputs/).
 */
class TraceFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void anyBytesAsALog(byte[] data) throws IOException {
        GcAnalysis gc = new GcAnalysis();
        SchedAnalysis sched = new SchedAnalysis();
        ReadSummary r = TraceReader.read(new ByteArrayInputStream(data), TraceSink.all(gc, sched));
        assertThat(r.bytes()).isEqualTo(data.length);
        assertThat(r.traceLines() + r.programOutputLines() + r.unreadableCount()).isEqualTo(r.lines());
        assertThat(r.unreadable().size()).isLessThanOrEqualTo(TraceReader.KEPT_UNREADABLE);
        GcReport g = gc.report(r);
        assertThat(g.timeline().size()).isLessThanOrEqualTo(GcAnalysis.TIMELINE_BUCKETS);
        sched.report(r);
    }

    @FuzzTest(maxDuration = "60s")
    void anyBytesAsOneLine(byte[] data) {
        TraceLineParser.Result r = new TraceLineParser().parse(data, 0, data.length);
        assertThat(r).isNotNull();
        if (r instanceof TraceLineParser.Unreadable u) {
            assertThat(u.column()).isBetween(1, data.length + 1);
        }
    }
}
