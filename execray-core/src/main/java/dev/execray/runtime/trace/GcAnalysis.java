package dev.execray.runtime.trace;

import dev.execray.runtime.Finding;
import dev.execray.runtime.trace.TraceEvent.GcCycle;
import dev.execray.runtime.trace.TraceEvent.GcForcedBySysmon;
import dev.execray.runtime.trace.TraceEvent.LegacyForcedScavenge;
import dev.execray.runtime.trace.TraceEvent.PacerCycleEnd;
import dev.execray.runtime.trace.TraceEvent.PacerCycleStart;
import dev.execray.runtime.trace.TraceEvent.PacerLegacyCycleEnd;
import dev.execray.runtime.trace.TraceEvent.PacerSweepDone;
import dev.execray.runtime.trace.TraceEvent.Scavenge;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds gctrace, scavtrace and gcpacertrace events into a {@link GcReport} in bounded memory: exact
 * pause distributions ({@link ExactDistribution}), a downsampled timeline, counters.
 */
public final class GcAnalysis implements TraceSink {
    /** Timeline buckets kept: enough for a wide chart, small enough for JSON. */
    static final int TIMELINE_BUCKETS = 1024;

    /**
     * A single stop-the-world pause this long is a problem: Go's collector has aimed at pauses well
     * under a millisecond since go1.8 (sweep and mark termination only flush per-P state), so 10 ms is
     * ten times the budget and points at something outside the collector: goroutines that do not reach
     * a preemption point (before go1.14's async preemption), or a CPU-starved process (container CPU
     * throttling, an overloaded host) whose threads are not scheduled while the world is stopped.
     */
    public static final long LONG_PAUSE_MICROS = 10_000;
    /** Pauses at the 99th percentile above this are the same problem seen as a pattern, not a one-off. */
    public static final long P99_PAUSE_MICROS = 1_000;
    /**
     * A program-lifetime GC CPU share from here up: while marking, the runtime budgets 25% of GOMAXPROCS
     * for background marking and marks only part of the time, so a lifetime share of 10% or more means
     * cycles run nearly back to back: a heap small for the allocation rate, a low GOGC, or a GOMEMLIMIT
     * close to the live heap.
     */
    public static final double HIGH_GC_CPU = 0.10;
    /**
     * The heap at mark end may pass the goal by this fraction before it counts: the pacer aims to finish
     * marking as the heap reaches the goal, and a larger overshoot means allocation outran marking
     * (mutator assists could not keep up). Goals under {@link #OVERSHOOT_MIN_GOAL_MB} are ignored, as
     * gctrace truncates to whole MB and one MB is already more than 10% there.
     */
    public static final double OVERSHOOT = 0.10;
    public static final long OVERSHOOT_MIN_GOAL_MB = 16;
    /** Share of cycles over the goal that makes it a pattern rather than a burst. */
    public static final double OVERSHOOT_SHARE = 0.05;
    /**
     * Share of cycles forced by runtime.GC or debug.FreeOSMemory that is worth a warning: each forced
     * cycle blocks its caller through a whole mark and sweep and throws away the pacer's timing.
     */
    public static final double FORCED_SHARE = 0.10;

    private final ExactDistribution stw = new ExactDistribution();
    private final ExactDistribution perCycle = new ExactDistribution();
    private final DownsampledSeries timeline = new DownsampledSeries(8, TIMELINE_BUCKETS);
    private final double[] sample = new double[8];

    private long cycles;
    private long first = -1;
    private long last = -1;
    private long breaks;
    private long forced;
    private long sysmonForced;
    private long prevStartMillis;
    private int lastCpuPercent;
    private long gcCpuMicros;
    private long capacityMicros;
    private long maxHeap;
    private long maxGoal;
    private long lastLive;
    private long lastGoal;
    private long overGoal;
    private int procs;
    private long scavLines;
    private long scavWork;
    private long scavEager;
    private long scavReleased;
    private long scavForced;
    private long legacyScvg;
    private long pacerLines;
    /** live heap of the first cycles, for the growth note */
    private final long[] earlyLive = new long[16];
    private int earlyLiveCount;

    @Override
    public void event(long line, TraceEvent event) {
        if (event instanceof GcCycle g) {
            cycle(g);
        } else if (event instanceof GcForcedBySysmon) {
            sysmonForced++;
        } else if (event instanceof Scavenge s) {
            scavLines++;
            scavWork += s.workKiB();
            scavEager += s.eagerWorkKiB().orElse(0);
            scavReleased = s.releasedKiB();
            if (s.forced()) {
                scavForced++;
            }
        } else if (event instanceof LegacyForcedScavenge) {
            legacyScvg++;
        } else if (event instanceof PacerCycleStart || event instanceof PacerCycleEnd
                || event instanceof PacerLegacyCycleEnd || event instanceof PacerSweepDone) {
            pacerLines++;
        }
    }

    private void cycle(GcCycle g) {
        if (last >= 0 && g.number() != last + 1) {
            breaks++;
            prevStartMillis = 0; // a new process: its clock starts again
        }
        if (first < 0) {
            first = g.number();
        }
        last = g.number();
        cycles++;
        stw.add(g.sweepTermClockMicros());
        stw.add(g.markTermClockMicros());
        perCycle.add(g.stopTheWorldMicros());
        if (g.forced()) {
            forced++;
        }
        lastCpuPercent = g.cpuPercent();
        long wall = Math.max(0, g.startMillis() - prevStartMillis);
        prevStartMillis = g.startMillis();
        long capacity = wall * 1000 * Math.max(1, g.procs());
        gcCpuMicros += g.gcCpuMicros();
        capacityMicros += capacity;
        maxHeap = Math.max(maxHeap, Math.max(g.heapStartMB(), g.heapEndMB()));
        maxGoal = Math.max(maxGoal, g.heapGoalMB());
        lastLive = g.heapLiveMB();
        lastGoal = g.heapGoalMB();
        procs = g.procs();
        if (g.heapGoalMB() >= OVERSHOOT_MIN_GOAL_MB && g.heapEndMB() > g.heapGoalMB() * (1 + OVERSHOOT)) {
            overGoal++;
        }
        if (earlyLiveCount < earlyLive.length) {
            earlyLive[earlyLiveCount++] = g.heapLiveMB();
        }
        sample[0] = g.heapStartMB();
        sample[1] = g.heapEndMB();
        sample[2] = g.heapLiveMB();
        sample[3] = g.heapGoalMB();
        sample[4] = Math.max(g.sweepTermClockMicros(), g.markTermClockMicros());
        sample[5] = g.cpuPercent();
        sample[6] = g.gcCpuMicros();
        sample[7] = capacity;
        timeline.add(g.startMillis(), sample);
    }

    public GcReport report(ReadSummary read) {
        List<GcReport.GcPoint> points = new ArrayList<>();
        List<DownsampledSeries.Bucket> bs = timeline.buckets();
        for (int b = 0; b < bs.size(); b++) {
            DownsampledSeries.Bucket k = bs.get(b);
            double cap = timeline.sum(7, b);
            points.add(new GcReport.GcPoint(k.tLast() / 1000.0, k.samples(), (long) k.max()[0], (long) k.max()[1],
                    (long) k.last()[2], (long) k.last()[3], (long) k.max()[4], (int) k.last()[5],
                    cap > 0 ? timeline.sum(6, b) / cap : 0));
        }
        PauseStats stwStats = PauseStats.of(stw);
        PauseStats cycleStats = PauseStats.of(perCycle);
        double fraction = capacityMicros > 0 ? (double) gcCpuMicros / capacityMicros : 0;
        GcReport.ScavengeSummary scav = new GcReport.ScavengeSummary(scavLines, scavWork, scavEager, scavReleased,
                scavForced, legacyScvg);
        return new GcReport(read, cycles, Math.max(first, 0), Math.max(last, 0), breaks, forced, sysmonForced, stwStats,
                cycleStats, lastCpuPercent, fraction, maxHeap, maxGoal, lastLive, lastGoal, overGoal, procs, scav, pacerLines,
                List.copyOf(points), findings(read, stwStats, fraction));
    }

    private List<Finding> findings(ReadSummary read, PauseStats pauses, double fraction) {
        List<Finding> out = new ArrayList<>();
        if (cycles == 0) {
            out.add(Finding.note("no-gc-lines", "no gctrace lines in the log",
                    "gctrace lines start with \"gc N @\"; run the program with GODEBUG=gctrace=1 (they go to stderr)"));
        }
        if (pauses.maxMicros() >= LONG_PAUSE_MICROS || (pauses.count() > 0 && pauses.p99Micros() >= P99_PAUSE_MICROS)) {
            out.add(Finding.warning("long-stw-pause",
                    String.format("stop-the-world pauses: p99 %s ms, max %s ms", ms(pauses.p99Micros()), ms(pauses.maxMicros())),
                    "Go's collector aims at pauses well under 1 ms; a p99 of 1 ms or more, or any pause of 10 ms or more, "
                            + "points at goroutines that do not reach a preemption point (before go1.14) or a CPU-starved "
                            + "process (container CPU throttling, an overloaded host)."));
        }
        if (cycles >= 10 && fraction >= HIGH_GC_CPU) {
            out.add(Finding.warning("high-gc-cpu",
                    String.format("GC used %.1f%% of the CPU available (runtime's own figure at the last cycle: %d%%)",
                            fraction * 100, lastCpuPercent),
                    "while marking, the runtime budgets 25% of GOMAXPROCS; a lifetime share of 10% or more means cycles "
                            + "run nearly back to back: the heap is small for the allocation rate, GOGC is low, or "
                            + "GOMEMLIMIT is close to the live heap."));
        }
        if (overGoal >= 3 && overGoal >= cycles * OVERSHOOT_SHARE) {
            out.add(Finding.warning("heap-over-goal",
                    String.format("%d of %d cycles ended with the heap more than %.0f%% over its goal", overGoal, cycles,
                            OVERSHOOT * 100),
                    "the pacer aims to finish marking as the heap reaches its goal; overshooting in 5% or more of cycles "
                            + "means allocation outran marking even with mutator assists (goals under 16 MB are ignored: "
                            + "gctrace truncates to whole MB)."));
        }
        if (forced >= 3 && forced >= cycles * FORCED_SHARE) {
            out.add(Finding.warning("forced-gc",
                    String.format("%d of %d cycles were forced (runtime.GC or debug.FreeOSMemory)", forced, cycles),
                    "each forced cycle blocks its caller through a whole mark and sweep and discards the pacer's timing; "
                            + "10% or more of cycles forced is a pattern in the program, not a one-off."));
        }
        if (sysmonForced > 0) {
            out.add(Finding.note("periodic-gc", sysmonForced + " periodic GC(s) started by sysmon (\"GC forced\")",
                    "the runtime forces a cycle when none ran for 2 minutes: the program was mostly idle or allocated little."));
        }
        if (breaks > 0) {
            out.add(Finding.note("several-runs", "the cycle numbers restart or jump " + breaks + " time(s)",
                    "a log with lines of several runs or processes (GODEBUG is inherited by child Go programs); "
                            + "the figures mix them."));
        }
        if (earlyLiveCount == earlyLive.length && cycles >= 100) {
            long[] e = earlyLive.clone();
            java.util.Arrays.sort(e);
            long base = e[e.length / 2];
            if (lastLive >= 2 * Math.max(base, 1) && lastLive - base >= 64) {
                out.add(Finding.note("live-heap-grew", String.format("live heap grew from %d MB (median of the first %d cycles) "
                        + "to %d MB at the last cycle", base, earlyLive.length, lastLive),
                        "a live heap that doubles and grows by 64 MB or more over the log may be a cache filling up or a leak."));
            }
        }
        if (read.unreadableCount() > 0) {
            out.add(Finding.note("unreadable-lines", read.unreadableCount() + " line(s) look like runtime output but could not be read"
                    + (read.unreadable().isEmpty() ? "" : " (first: line " + read.unreadable().get(0).line() + ")"),
                    "usually program output written into the middle of a runtime line, or a newer format; listed with line numbers."));
        }
        return List.copyOf(out);
    }

    static String ms(long micros) {
        return String.format("%.3f", micros / 1000.0);
    }
}
