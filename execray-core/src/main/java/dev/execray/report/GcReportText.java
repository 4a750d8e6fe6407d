package dev.execray.report;

import dev.execray.runtime.trace.GcReport;
import dev.execray.runtime.trace.PauseStats;

/** `execray runtime gc` as text: the verdict, then one aligned row per topic, then findings. */
public final class GcReportText {
    private GcReportText() {
    }

    public static String render(String source, GcReport g) {
        StringBuilder sb = new StringBuilder();
        String what = g.cycles() == 0 ? "gc: no GC cycles in " + source
                : String.format("gc: %,d cycles, stop-the-world p99 %s, max %s, GC CPU %.1f%%", g.cycles(),
                        RuntimeText.ms(g.stwPauses().p99Micros()), RuntimeText.ms(g.stwPauses().maxMicros()),
                        g.gcCpuFraction() * 100);
        sb.append(RuntimeText.verdict(what, g.findings())).append("\n\n");
        RuntimeText.logRows(sb, source, g.read());
        if (g.cycles() > 0) {
            RuntimeText.row(sb, "cycles", String.format("%,d (gc %d to gc %d), %,d forced by the program, %,d periodic (sysmon)%s",
                    g.cycles(), g.firstCycle(), g.lastCycle(), g.forcedCycles(), g.sysmonForcedCycles(),
                    g.sequenceBreaks() > 0 ? ", numbering restarts " + g.sequenceBreaks() + "x" : ""));
            RuntimeText.row(sb, "pauses", "each stop-the-world pause (sweep and mark termination): " + pauses(g.stwPauses()));
            RuntimeText.row(sb, "", "both pauses of a cycle added (MemStats.PauseNs):          " + pauses(g.cyclePauses()));
            RuntimeText.row(sb, "GC CPU", String.format("%.1f%% of the CPU available to the program (GOMAXPROCS %d); "
                    + "the runtime's own figure at the last cycle: %d%%", g.gcCpuFraction() * 100, g.procs(), g.lastCpuPercent()));
            RuntimeText.row(sb, "heap", String.format("peak %,d MB, goal peak %,d MB; at the last cycle %,d MB live, goal %,d MB; "
                    + "%,d cycle(s) ended >10%% over goal", g.maxHeapMB(), g.maxGoalMB(), g.lastLiveMB(), g.lastGoalMB(),
                    g.overGoalCycles()));
        }
        if (g.scavenger().lines() > 0 || g.scavenger().legacyForcedScvgLines() > 0) {
            RuntimeText.row(sb, "scavenger", String.format("%,d lines: %s released in the background, %s eagerly, %s released "
                    + "at the last line, %,d forced", g.scavenger().lines(), RuntimeText.kib(g.scavenger().workKiB()),
                    RuntimeText.kib(g.scavenger().eagerWorkKiB()), RuntimeText.kib(g.scavenger().lastReleasedKiB()),
                    g.scavenger().forced()));
        }
        if (g.pacerLines() > 0) {
            RuntimeText.row(sb, "pacer", String.format("%,d gcpacertrace lines", g.pacerLines()));
        }
        RuntimeText.findings(sb, g.findings());
        RuntimeText.unreadable(sb, g.read(), 10);
        return sb.toString();
    }

    private static String pauses(PauseStats p) {
        if (p.count() == 0) {
            return "none";
        }
        return String.format("p50 %s  p95 %s  p99 %s  max %s  (%,d)", RuntimeText.ms(p.p50Micros()),
                RuntimeText.ms(p.p95Micros()), RuntimeText.ms(p.p99Micros()), RuntimeText.ms(p.maxMicros()), p.count());
    }
}
