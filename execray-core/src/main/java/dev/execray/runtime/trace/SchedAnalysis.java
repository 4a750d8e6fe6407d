package dev.execray.runtime.trace;

import dev.execray.runtime.Finding;
import dev.execray.runtime.trace.TraceEvent.SchedGoroutine;
import dev.execray.runtime.trace.TraceEvent.SchedProc;
import dev.execray.runtime.trace.TraceEvent.SchedSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds schedtrace (and scheddetail) events into a {@link SchedReport} in bounded memory. With
 * scheddetail the per-P queues arrive on the P lines after each SCHED line, so a sample is complete
 * only when the next SCHED line (or the end) comes.
 */
public final class SchedAnalysis implements TraceSink {
    static final int TIMELINE_BUCKETS = 1024;
    static final int PROC_BUCKETS = 256;
    /** Ps beyond this id are counted in the totals but get no timeline of their own. */
    static final int MAX_TRACKED_PROCS = 1024;

    /**
     * Samples in the window that decides whether the global run queue grows. The global queue is served
     * by every P (one in 61 schedule calls, and whenever its local queue is empty), so a queue that
     * rises over ten consecutive samples (ten schedtrace periods) is not scheduling jitter.
     */
    public static final int GROWTH_WINDOW = 10;
    /**
     * Consecutive samples with an idle P while goroutines wait before it counts. schedtrace reads the
     * Ps without stopping them, so one sample can catch a P that just went idle before wakep found it
     * work; three periods in a row cannot be that race.
     */
    public static final int IDLE_WHILE_WORK_RUN = 3;
    /**
     * Threads beyond this multiple of GOMAXPROCS (and at least {@link #MANY_THREADS_MIN}): the runtime
     * runs at most GOMAXPROCS threads of Go code plus a few of its own; every further thread is one
     * blocked in a system call or cgo call. The hard limit is 10000 (debug.SetMaxThreads), where the
     * program crashes.
     */
    public static final int MANY_THREADS_FACTOR = 5;
    public static final int MANY_THREADS_MIN = 50;
    /**
     * Half of a P's 256-slot local run queue: beyond it a burst of goroutines created on one P spills
     * into the global queue in batches of 128 (runqputslow).
     */
    public static final int LONG_LOCAL_QUEUE = 128;

    private final DownsampledSeries timeline = new DownsampledSeries(8, TIMELINE_BUCKETS);
    private final double[] sample = new double[8];
    private final List<DownsampledSeries> perProc = new ArrayList<>();
    private final List<long[]> perProcStats = new ArrayList<>(); // samples, sum, max

    private SchedSummary pending;
    private long pendingLocalSum;
    private int pendingLocalMax;
    private long pendingGoroutines;
    private long pendingRunnable;
    private boolean pendingHasG;

    private long samples;
    private boolean detailed;
    private long firstMillis = -1;
    private long lastMillis;
    private int gomaxprocs;
    private long gomaxprocsChanges;
    private int maxGlobal;
    private long sumGlobal;
    private int maxLocal;
    private long sumIdle;
    private int maxSpinning;
    private int minThreads = Integer.MAX_VALUE;
    private int maxThreads;
    private int firstThreads = -1;
    private int lastThreads;
    private long idleWhileWork;
    private int idleRun;
    private long idleEpisodes;
    private long maxGoroutines;
    private long maxRunnable;
    private final int[] window = new int[GROWTH_WINDOW];
    private int windowFill;
    private int windowAt;
    private long growthEpisodes;
    private int growthMax;
    private boolean growing;

    @Override
    public void event(long line, TraceEvent event) {
        if (event instanceof SchedSummary s) {
            flush();
            pending = s;
            if (s.detail().isPresent()) {
                detailed = true;
            } else {
                for (int p = 0; p < s.localRunQueues().size(); p++) {
                    proc(p, s.localRunQueues().get(p), s.millis());
                }
            }
        } else if (event instanceof SchedProc p && pending != null) {
            proc(p.id(), p.runQueue(), pending.millis());
        } else if (event instanceof SchedGoroutine g && pending != null) {
            pendingHasG = true;
            GoroutineStatus st = g.goroutineStatus();
            if (st != GoroutineStatus.DEAD && st != GoroutineStatus.IDLE && st != GoroutineStatus.DEADEXTRA) {
                pendingGoroutines++;
            }
            if (st == GoroutineStatus.RUNNABLE) {
                pendingRunnable++;
            }
        }
    }

    private void proc(int id, long runq, long millis) {
        pendingLocalSum += runq;
        pendingLocalMax = (int) Math.max(pendingLocalMax, Math.min(runq, Integer.MAX_VALUE));
        if (id < 0 || id >= MAX_TRACKED_PROCS) {
            return;
        }
        while (perProc.size() <= id) {
            perProc.add(new DownsampledSeries(1, PROC_BUCKETS));
            perProcStats.add(new long[3]);
        }
        perProc.get(id).add(millis, (double) runq);
        long[] st = perProcStats.get(id);
        st[0]++;
        st[1] += runq;
        st[2] = Math.max(st[2], runq);
    }

    /** Completes the pending sample. */
    private void flush() {
        SchedSummary s = pending;
        if (s == null) {
            return;
        }
        pending = null;
        samples++;
        if (firstMillis < 0) {
            firstMillis = s.millis();
        }
        lastMillis = s.millis();
        if (gomaxprocs != 0 && s.gomaxprocs() != gomaxprocs) {
            gomaxprocsChanges++;
        }
        gomaxprocs = s.gomaxprocs();
        maxGlobal = Math.max(maxGlobal, s.globalRunQueue());
        sumGlobal += s.globalRunQueue();
        maxLocal = Math.max(maxLocal, pendingLocalMax);
        sumIdle += s.idleProcs();
        maxSpinning = Math.max(maxSpinning, s.spinningThreads());
        minThreads = Math.min(minThreads, s.threads());
        maxThreads = Math.max(maxThreads, s.threads());
        if (firstThreads < 0) {
            firstThreads = s.threads();
        }
        lastThreads = s.threads();
        if (pendingHasG) {
            maxGoroutines = Math.max(maxGoroutines, pendingGoroutines);
            maxRunnable = Math.max(maxRunnable, pendingRunnable);
        }

        boolean waiting = s.globalRunQueue() + pendingLocalSum > 0;
        if (s.idleProcs() > 0 && waiting) {
            idleWhileWork++;
            idleRun++;
            if (idleRun == IDLE_WHILE_WORK_RUN) {
                idleEpisodes++;
            }
        } else {
            idleRun = 0;
        }

        window[windowAt] = s.globalRunQueue();
        windowAt = (windowAt + 1) % GROWTH_WINDOW;
        windowFill = Math.min(windowFill + 1, GROWTH_WINDOW);
        if (windowFill == GROWTH_WINDOW) {
            boolean rising = true;
            int oldest = window[windowAt];
            int prev = oldest;
            for (int i = 1; i < GROWTH_WINDOW; i++) {
                int v = window[(windowAt + i) % GROWTH_WINDOW];
                if (v < prev) {
                    rising = false;
                    break;
                }
                prev = v;
            }
            int newest = prev;
            boolean grew = rising && newest - oldest >= Math.max(1, gomaxprocs) && newest > gomaxprocs;
            if (grew && !growing) {
                growthEpisodes++;
            }
            if (grew) {
                growthMax = Math.max(growthMax, newest);
            }
            growing = grew;
        }

        sample[0] = s.globalRunQueue();
        sample[1] = pendingLocalSum;
        sample[2] = s.idleProcs();
        sample[3] = s.spinningThreads();
        sample[4] = s.threads();
        sample[5] = s.gomaxprocs();
        sample[6] = pendingHasG ? pendingGoroutines : -1;
        sample[7] = pendingHasG ? pendingRunnable : -1;
        timeline.add(s.millis(), sample);

        pendingLocalSum = 0;
        pendingLocalMax = 0;
        pendingGoroutines = 0;
        pendingRunnable = 0;
        pendingHasG = false;
    }

    public SchedReport report(ReadSummary read) {
        flush();
        List<SchedReport.SchedPoint> points = new ArrayList<>();
        for (DownsampledSeries.Bucket b : timeline.buckets()) {
            points.add(new SchedReport.SchedPoint(b.tLast() / 1000.0, b.samples(), (int) b.max()[0], (int) b.max()[1],
                    b.mean()[2], (int) b.max()[3], (int) b.max()[4], (int) b.last()[5], (long) b.max()[6], (long) b.max()[7]));
        }
        List<SchedReport.ProcQueue> procs = new ArrayList<>();
        for (int id = 0; id < perProc.size(); id++) {
            long[] st = perProcStats.get(id);
            if (st[0] == 0) {
                continue;
            }
            List<SchedReport.ProcPoint> pts = new ArrayList<>();
            for (DownsampledSeries.Bucket b : perProc.get(id).buckets()) {
                pts.add(new SchedReport.ProcPoint(b.tLast() / 1000.0, (long) b.max()[0], b.mean()[0]));
            }
            procs.add(new SchedReport.ProcQueue(id, st[0], (double) st[1] / st[0], st[2], List.copyOf(pts)));
        }
        return new SchedReport(read, samples, detailed, Math.max(firstMillis, 0), lastMillis, gomaxprocs, gomaxprocsChanges,
                maxGlobal, samples == 0 ? 0 : (double) sumGlobal / samples, maxLocal,
                samples == 0 ? 0 : (double) sumIdle / samples, maxSpinning, samples == 0 ? 0 : minThreads, maxThreads,
                lastThreads, idleWhileWork, maxGoroutines, maxRunnable, List.copyOf(procs), List.copyOf(points),
                findings(read));
    }

    private List<Finding> findings(ReadSummary read) {
        List<Finding> out = new ArrayList<>();
        if (samples == 0) {
            out.add(Finding.note("no-sched-lines", "no schedtrace lines in the log",
                    "schedtrace lines start with \"SCHED\"; run the program with GODEBUG=schedtrace=1000 (milliseconds)"));
            return List.copyOf(out);
        }
        if (growthEpisodes > 0) {
            out.add(Finding.warning("global-runqueue-growing",
                    String.format("the global run queue kept growing over %d consecutive samples (%d time(s), up to %d goroutines, "
                            + "GOMAXPROCS %d)", GROWTH_WINDOW, growthEpisodes, growthMax, gomaxprocs),
                    "every P serves the global queue, so growth over ten schedtrace periods by at least one goroutine per P "
                            + "means goroutines become runnable faster than GOMAXPROCS threads run them: the program is CPU-bound "
                            + "at this GOMAXPROCS (or its CPU quota)."));
        }
        if (idleEpisodes > 0) {
            out.add(Finding.warning("idle-procs-while-work-waits",
                    String.format("%d sample(s) had an idle P while goroutines waited in a run queue (%d run(s) of %d or more "
                            + "samples)", idleWhileWork, idleEpisodes, IDLE_WHILE_WORK_RUN),
                    "an idle P should be woken (wakep) as soon as work is queued; one sample can catch that race, but three "
                            + "in a row means Ps stay idle with work queued: goroutines locked to threads (LockOSThread), or "
                            + "threads not getting CPU."));
        }
        int manyThreads = Math.max(MANY_THREADS_MIN, MANY_THREADS_FACTOR * Math.max(1, gomaxprocs));
        if (maxThreads >= manyThreads) {
            out.add(Finding.warning("many-threads",
                    String.format("up to %d threads for GOMAXPROCS %d (first sample %d, last %d)", maxThreads, gomaxprocs,
                            firstThreads, lastThreads),
                    "Go runs at most GOMAXPROCS threads of Go code plus a few of its own; each thread beyond is blocked in a "
                            + "system call or cgo call. Past 5 per P (and 50) that is a pattern; at 10000 the runtime aborts "
                            + "(debug.SetMaxThreads)."));
        }
        if (maxLocal >= LONG_LOCAL_QUEUE) {
            out.add(Finding.note("long-local-queue",
                    String.format("a P's local run queue reached %d of its 256 slots", maxLocal),
                    "past 128 a burst of new goroutines on one P spills to the global queue in batches (runqputslow): "
                            + "many goroutines created at once on one P."));
        }
        if (gomaxprocsChanges > 0) {
            out.add(Finding.note("gomaxprocs-changed", "GOMAXPROCS changed " + gomaxprocsChanges + " time(s)",
                    "runtime.GOMAXPROCS was called (or, from go1.25, the runtime followed a changed CPU limit)."));
        }
        if (read.unreadableCount() > 0) {
            out.add(Finding.note("unreadable-lines", read.unreadableCount() + " line(s) look like runtime output but could not be read"
                    + (read.unreadable().isEmpty() ? "" : " (first: line " + read.unreadable().get(0).line() + ")"),
                    "usually program output written into the middle of a runtime line, or a newer format; listed with line numbers."));
        }
        return List.copyOf(out);
    }
}
