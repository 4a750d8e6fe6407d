package dev.execray.runtime.trace;

import dev.execray.runtime.Finding;
import java.util.List;

/** What a schedtrace log says: run queues, idle Ps, spinning and total threads over time, and findings. */
public record SchedReport(
        ReadSummary read,
        long samples,
        boolean detailed,
        long firstMillis,
        long lastMillis,
        int gomaxprocs,
        long gomaxprocsChanges,
        int maxGlobalRunQueue,
        double meanGlobalRunQueue,
        int maxLocalRunQueue,
        double meanIdleProcs,
        int maxSpinningThreads,
        int minThreads,
        int maxThreads,
        int lastThreads,
        /** samples with an idle P while goroutines waited in a run queue */
        long idleWhileWorkSamples,
        long maxGoroutines,
        long maxRunnableGoroutines,
        List<ProcQueue> procs,
        List<SchedPoint> timeline,
        List<Finding> findings) {

    /** One P's local run queue over the log. */
    public record ProcQueue(int id, long samples, double meanRunQueue, long maxRunQueue, List<ProcPoint> timeline) {
    }

    /** A P's local run-queue length in one timeline bucket: the bucket's maximum and mean. */
    public record ProcPoint(double tSeconds, long maxRunQueue, double meanRunQueue) {
    }

    /**
     * One bucket of consecutive samples ending at {@code tSeconds}: maxima of queues and threads (peaks
     * stay visible), mean of idle Ps. Goroutine counts are present with scheddetail=1 only (else -1).
     */
    public record SchedPoint(double tSeconds, long samples, int maxGlobalRunQueue, int maxLocalRunQueues,
            double meanIdleProcs, int maxSpinningThreads, int maxThreads, int gomaxprocs, long goroutines,
            long runnableGoroutines) {
    }
}
