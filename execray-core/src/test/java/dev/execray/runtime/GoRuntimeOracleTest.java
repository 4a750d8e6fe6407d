package dev.execray.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.execray.runtime.trace.GcAnalysis;
import dev.execray.runtime.trace.GcReport;
import dev.execray.runtime.trace.LineFormat;
import dev.execray.runtime.trace.ReadSummary;
import dev.execray.runtime.trace.SchedAnalysis;
import dev.execray.runtime.trace.SchedReport;
import dev.execray.runtime.trace.TraceEvent;
import dev.execray.runtime.trace.TraceReader;
import dev.execray.runtime.trace.TraceSink;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real Go runtime (this machine's golang-go) against the trace parser: every line it prints must
 * be read, the cycle count must be runtime.MemStats.NumGC, and the printed pauses must be the
 * runtime's PauseNs truncated the way fmtNSAsMS truncates.
 */
@Tag("oracle")
class GoRuntimeOracleTest {
    /** The start of a runtime trace record anywhere but at the start of the line. */
    private static final java.util.regex.Pattern INTERLEAVED =
            java.util.regex.Pattern.compile(".(SCHED \\d|gc \\d|scav |pacer: |\\[\\d+scav )");
    private static final String[] SETTINGS = {
        "gctrace=1,schedtrace=100,scheddetail=1",
        "gctrace=1,schedtrace=20",
        "gctrace=1,gcpacertrace=1,scavtrace=1,inittrace=1",
        "gctrace=1,schedtrace=50,gcpacertrace=1,scavtrace=1",
    };

    @Test
    void everyRuntimeLineIsReadAndAgreesWithMemStats() throws Exception {
        long lines = 0;
        long read = 0;
        int countsAgree = 0;
        int interleaved = 0;
        int pausesAgree = 0;
        int pausesTotal = 0;
        for (String godebug : SETTINGS) {
            String[] io = GoFixture.run(godebug, false, "churn", "40000");
            GcAnalysis gc = new GcAnalysis();
            SchedAnalysis sched = new SchedAnalysis();
            List<Long> perCycle = new ArrayList<>();
            List<Long> programLines = new ArrayList<>();
            ReadSummary r = TraceReader.read(new ByteArrayInputStream(io[0].getBytes(StandardCharsets.UTF_8)),
                    TraceSink.all(gc, sched, new TraceSink() {
                        @Override
                        public void event(long line, TraceEvent e) {
                            if (e instanceof TraceEvent.GcCycle g) {
                                perCycle.add(g.stopTheWorldMicros());
                            }
                        }

                        @Override
                        public void programOutput(long line) {
                            programLines.add(line);
                        }
                    }));
            lines += r.lines();
            read += r.traceLines();
            // Every line is read, except where two of the runtime's writers (the scheduler trace and the scavenger's,
            // printed from different threads without a lock between them) cut into each other's line: such a line
            // holds the start of a second record after its first column, and is unreadable to any parser.
            assertThat(r.unreadable()).as(godebug)
                    .allSatisfy(u -> assertThat(INTERLEAVED.matcher(u.text()).find()).as(u.text()).isTrue());
            interleaved += r.unreadable().size();
            // The program writes nothing here, so a line that is no runtime record can only be the rest of a record
            // another writer cut into: the line just before it then holds a second record's start after its first
            // column (as above). Anything else is a misread line.
            String[] text = io[0].split("\n", -1);
            for (long n : programLines) {
                String before = n >= 2 ? text[(int) n - 2] : "";
                assertThat(INTERLEAVED.matcher(before).find())
                        .as("%s: line %d '%s' is neither a runtime record nor the rest of one cut by the line before, '%s'",
                                godebug, n, text[(int) n - 1], before)
                        .isTrue();
            }
            interleaved += programLines.size();
            JsonNode stats = new ObjectMapper().readTree(io[1]);
            GcReport g = gc.report(r);
            if (g.cycles() == stats.get("numGC").asLong()) {
                countsAgree++;
            }
            JsonNode pauses = stats.get("pauseNs");
            int offset = perCycle.size() - pauses.size();
            for (int i = 0; i < pauses.size() && offset >= 0; i++) {
                long ns = pauses.get(i).asLong();
                long printed = perCycle.get(offset + i) * 1000;
                pausesTotal++;
                if (printed <= ns && ns - printed <= ns / 10 + 2000) {
                    pausesAgree++;
                }
            }
            if (godebug.contains("schedtrace")) {
                SchedReport s = sched.report(r);
                assertThat(s.samples()).as(godebug).isPositive();
                assertThat(s.gomaxprocs()).isEqualTo(stats.get("gomaxprocs").asInt());
                assertThat(r.linesByFormat()).containsKey(LineFormat.SCHED_WITHOUT_NEEDSPINNING);
            }
        }
        System.out.printf("oracle gctrace lines: %d/%d read (%d cut into by another runtime writer or their rests)%n",
                read, lines, interleaved);
        System.out.printf("oracle gc count vs MemStats.NumGC: %d/%d agree%n", countsAgree, SETTINGS.length);
        System.out.printf("oracle pauses vs MemStats.PauseNs: %d/%d agree%n", pausesAgree, pausesTotal);
        assertThat(read + interleaved).isEqualTo(lines);
        assertThat(countsAgree).isEqualTo(SETTINGS.length);
        assertThat(pausesAgree).isEqualTo(pausesTotal);
    }

    @Test
    void theProgramsOwnStderrInBetweenIsToleratedAndCounted() throws Exception {
        // where the program's writes land inside runtime lines is up to the scheduler: several runs, every
        // cycle either found or accounted for as an unreadable piece
        long found = 0, expected = 0, unreadable = 0, programLines = 0;
        int runs = 6;
        for (int run = 0; run < runs; run++) {
            String[] io = GoFixture.run("gctrace=1,schedtrace=20", true, "churn", "40000");
            GcAnalysis gc = new GcAnalysis();
            ReadSummary r = TraceReader.read(new ByteArrayInputStream(io[0].getBytes(StandardCharsets.UTF_8)), gc);
            long numGC = new ObjectMapper().readTree(io[1]).get("numGC").asLong();
            GcReport g = gc.report(r);
            // a write of the program can land between two pieces of one runtime line: that line is lost and reported
            assertThat(g.cycles() + r.unreadableCount()).as("run %d", run).isGreaterThanOrEqualTo(numGC);
            found += g.cycles();
            expected += numGC;
            unreadable += r.unreadableCount();
            programLines += r.programOutputLines();
        }
        System.out.printf("oracle noisy log: %d runs, %d program lines, %d unreadable; gc %d/%d found%n",
                runs, programLines, unreadable, found, expected);
        assertThat(programLines).isPositive();
        assertThat(found).isGreaterThanOrEqualTo(expected * 9 / 10);
    }
}
