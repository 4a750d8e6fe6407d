package dev.execray.runtime.trace;

import dev.execray.runtime.Finding;
import java.util.List;

/**
 * What a gctrace log says, summarised: counts, the stop-the-world pause distribution, GC CPU over
 * time, heap against its goal, forced cycles, the scavenger, and findings.
 */
public record GcReport(
        ReadSummary read,
        long cycles,
        long firstCycle,
        long lastCycle,
        /** places where the cycle number did not follow the previous one: several runs or processes in one log */
        long sequenceBreaks,
        long forcedCycles,
        long sysmonForcedCycles,
        /** each stop-the-world pause on its own (two per cycle: sweep termination, mark termination) */
        PauseStats stwPauses,
        /** both pauses of a cycle added: what runtime.MemStats.PauseNs records */
        PauseStats cyclePauses,
        int lastCpuPercent,
        /** GC CPU (idle marking excluded, as the runtime does) over CPU available, from the printed cpu times */
        double gcCpuFraction,
        long maxHeapMB,
        long maxGoalMB,
        long lastLiveMB,
        long lastGoalMB,
        /** cycles whose heap at mark end exceeded the goal by more than {@link GcAnalysis#OVERSHOOT} */
        long overGoalCycles,
        int procs,
        ScavengeSummary scavenger,
        long pacerLines,
        List<GcPoint> timeline,
        List<Finding> findings) {

    /** The scavenger lines (scavtrace) added up. */
    public record ScavengeSummary(long lines, long workKiB, long eagerWorkKiB, long lastReleasedKiB, long forced,
            long legacyForcedScvgLines) {
    }

    /**
     * One point of the timeline: a bucket of consecutive cycles ending at {@code tSeconds}. Heap values
     * are the bucket's maxima (peaks stay visible), goal and live the last cycle's; the GC CPU fraction
     * is the bucket's GC CPU over the CPU available between the bucket's cycle starts.
     */
    public record GcPoint(double tSeconds, long cycles, long heapStartMB, long heapEndMB, long liveMB, long goalMB,
            long maxPauseMicros, int cpuPercent, double gcCpuFraction) {
    }
}
