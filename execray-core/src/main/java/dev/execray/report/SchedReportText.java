package dev.execray.report;

import dev.execray.runtime.trace.SchedReport;

/** `execray runtime sched` as text. */
public final class SchedReportText {
    private SchedReportText() {
    }

    public static String render(String source, SchedReport s) {
        StringBuilder sb = new StringBuilder();
        String what = s.samples() == 0 ? "sched: no schedtrace lines in " + source
                : String.format("sched: %,d samples over %.1f s, GOMAXPROCS %d, global run queue max %d, threads max %d",
                        s.samples(), (s.lastMillis() - s.firstMillis()) / 1000.0, s.gomaxprocs(), s.maxGlobalRunQueue(),
                        s.maxThreads());
        sb.append(RuntimeText.verdict(what, s.findings())).append("\n\n");
        RuntimeText.logRows(sb, source, s.read());
        if (s.samples() > 0) {
            RuntimeText.row(sb, "samples", String.format("%,d from %d ms to %d ms%s", s.samples(), s.firstMillis(), s.lastMillis(),
                    s.detailed() ? ", with scheddetail (P, M and G lines)" : ""));
            RuntimeText.row(sb, "run queues", String.format("global: mean %.2f, max %d; local (per P): max %d",
                    s.meanGlobalRunQueue(), s.maxGlobalRunQueue(), s.maxLocalRunQueue()));
            StringBuilder per = new StringBuilder();
            for (SchedReport.ProcQueue p : s.procs()) {
                if (per.length() > 0) {
                    per.append("  ");
                }
                per.append(String.format("P%d %.2f/%d", p.id(), p.meanRunQueue(), p.maxRunQueue()));
                if (per.length() > 400) {
                    per.append("  ...");
                    break;
                }
            }
            if (per.length() > 0) {
                RuntimeText.row(sb, "", "per P (mean/max): " + per);
            }
            RuntimeText.row(sb, "Ps", String.format("mean %.2f idle of %d%s", s.meanIdleProcs(), s.gomaxprocs(),
                    s.gomaxprocsChanges() > 0 ? " (GOMAXPROCS changed " + s.gomaxprocsChanges() + "x)" : ""));
            RuntimeText.row(sb, "threads", String.format("%d to %d (last %d); spinning at most %d", s.minThreads(), s.maxThreads(),
                    s.lastThreads(), s.maxSpinningThreads()));
            RuntimeText.row(sb, "idle+work", String.format("%,d sample(s) with an idle P while goroutines waited", s.idleWhileWorkSamples()));
            if (s.detailed()) {
                RuntimeText.row(sb, "goroutines", String.format("at most %,d (not dead), at most %,d runnable", s.maxGoroutines(),
                        s.maxRunnableGoroutines()));
            }
        }
        RuntimeText.findings(sb, s.findings());
        RuntimeText.unreadable(sb, s.read(), 10);
        return sb.toString();
    }
}
