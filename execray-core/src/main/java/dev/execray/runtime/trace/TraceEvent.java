package dev.execray.runtime.trace;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One line of Go runtime trace output, read. Field names follow what the runtime prints; units are
 * in the names. Durations printed by {@code fmtNSAsMS} are kept in whole microseconds, which is
 * exact: the runtime truncates them to microseconds before printing.
 */
public sealed interface TraceEvent {

    /** Which printed shape the line matched. */
    LineFormat format();

    /** GODEBUG=gctrace=1: one completed GC cycle (mgc.go gcMarkTermination). */
    record GcCycle(
            LineFormat format,
            long number,
            /** start of the cycle (sweep termination), milliseconds since the runtime started */
            long startMillis,
            /** percent of CPU spent in GC since the program started, as printed (truncated) */
            int cpuPercent,
            long sweepTermClockMicros,
            long markClockMicros,
            long markTermClockMicros,
            long sweepTermCpuMicros,
            long assistCpuMicros,
            long backgroundCpuMicros,
            long idleCpuMicros,
            long markTermCpuMicros,
            long heapStartMB,
            long heapEndMB,
            long heapLiveMB,
            long heapGoalMB,
            OptionalLong stacksMB,
            OptionalLong globalsMB,
            int procs,
            boolean forced,
            boolean goroutineLeakCheck) implements TraceEvent {

        /** The two stop-the-world phases: sweep termination and mark termination. */
        public long stopTheWorldMicros() {
            return sweepTermClockMicros + markTermClockMicros;
        }

        /** GC CPU this cycle without idle marking, which the runtime counts as free. */
        public long gcCpuMicros() {
            return sweepTermCpuMicros + assistCpuMicros + backgroundCpuMicros + markTermCpuMicros;
        }
    }

    /** "GC forced": sysmon's periodic GC started because none ran for two minutes. */
    record GcForcedBySysmon(LineFormat format) implements TraceEvent {
    }

    /** GODEBUG=scavtrace=1: the background scavenger's work since the last line (mgcscavenge.go). */
    record Scavenge(
            LineFormat format,
            /** scavenge generation, printed only by go1.14 to go1.18 */
            OptionalLong generation,
            /** released by the background scavenger (before go1.21: all work) */
            long workKiB,
            /** released eagerly by allocating goroutines, printed from go1.21 */
            OptionalLong eagerWorkKiB,
            /** memory released to the OS in total ("total" before go1.21, "now" after) */
            long releasedKiB,
            int utilPercent,
            boolean forced,
            boolean controllerReset) implements TraceEvent {
    }

    /** go1.13 and older under gctrace: debug.FreeOSMemory's report ("forced scvg: ..."). */
    record LegacyForcedScavenge(
            LineFormat format,
            OptionalLong releasedMB,
            OptionalLong inuseMB,
            OptionalLong idleMB,
            OptionalLong sysMB,
            OptionalLong heapReleasedMB,
            OptionalLong consumedMB) implements TraceEvent {
    }

    /** GODEBUG=gcpacertrace=1 at the start of a cycle (startCycle). */
    record PacerCycleStart(
            LineFormat format,
            FloatStyle floats,
            double assistRatio,
            long scanMB,
            long initialHeapLiveMB,
            long heapGoalMB,
            long dedicatedWorkers,
            double fractionalUtilizationGoal) implements TraceEvent {
    }

    /** gcpacertrace at the end of a cycle (endCycle), go1.18/1.19 onwards. */
    record PacerCycleEnd(
            LineFormat format,
            FloatStyle floats,
            int utilizationPercent,
            int goalUtilizationPercent,
            long heapScanWorkBytes,
            long stackScanWorkBytes,
            long globalsScanWorkBytes,
            long expectedWorkBytes,
            long triggerBytes,
            long heapLiveBytes,
            long goalDeltaBytes,
            double consMark,
            boolean controllerReset) implements TraceEvent {
    }

    /** gcpacertrace at the end of a cycle, go1.17 and older: the controller in the design doc's terms. */
    record PacerLegacyCycleEnd(
            LineFormat format,
            FloatStyle floats,
            long heapMarkedPrev,
            double triggerRatio,
            long triggerBytes,
            double actualGrowthRatio,
            long heapLiveBytes,
            double goalGrowthRatio,
            long goalBytes,
            double utilization,
            double goalUtilization,
            long scanWork,
            double goalDelta,
            double actualDelta,
            double utilizationRatio) implements TraceEvent {
    }

    /** gcpacertrace when sweeping finished (mgcsweep.go). */
    record PacerSweepDone(
            LineFormat format,
            FloatStyle floats,
            long heapMB,
            long allocatedDuringSweepMB,
            long pagesSwept,
            double pagesPerByte) implements TraceEvent {
    }

    /** The fields scheddetail=1 appends to the SCHED line. */
    record SchedDetail(boolean gcWaiting, int nmIdleLocked, int stopWait, boolean sysmonWait) {
    }

    /** GODEBUG=schedtrace=N: the scheduler summary (proc.go schedtrace). */
    record SchedSummary(
            LineFormat format,
            /** milliseconds since the first schedtrace line */
            long millis,
            int gomaxprocs,
            int idleProcs,
            int threads,
            int spinningThreads,
            /** printed from go1.20/1.21 */
            OptionalInt needSpinning,
            int idleThreads,
            int globalRunQueue,
            /** per-P local run-queue lengths; empty with scheddetail=1 (they come on the P lines) */
            List<Integer> localRunQueues,
            /** per-P schedtick counters, printed from go1.25 without scheddetail */
            List<Long> schedTicks,
            java.util.Optional<SchedDetail> detail) implements TraceEvent {
    }

    /** scheddetail=1: one P. */
    record SchedProc(
            LineFormat format,
            IdStyle ids,
            int id,
            int status,
            long schedTick,
            long syscallTick,
            OptionalLong m,
            long runQueue,
            long gFree,
            long timers) implements TraceEvent {

        public ProcStatus procStatus() {
            return ProcStatus.of(status);
        }
    }

    /** scheddetail=1: one M (OS thread). */
    record SchedThread(
            LineFormat format,
            IdStyle ids,
            long id,
            OptionalLong p,
            OptionalLong curG,
            long mallocing,
            long throwing,
            String preemptOff,
            long locks,
            long dying,
            boolean spinning,
            boolean blocked,
            OptionalLong lockedG) implements TraceEvent {
    }

    /** scheddetail=1: one goroutine. */
    record SchedGoroutine(
            LineFormat format,
            IdStyle ids,
            long id,
            int status,
            String waitReason,
            OptionalLong m,
            OptionalLong lockedM) implements TraceEvent {

        public GoroutineStatus goroutineStatus() {
            return GoroutineStatus.of(status);
        }
    }

    /** GODEBUG=inittrace=1: one package's init. */
    record PackageInit(
            LineFormat format,
            String pkg,
            long startMicros,
            long clockMicros,
            long bytes,
            long allocs) implements TraceEvent {
    }

    /** gctrace=2 from go1.25: per-size-class scan statistics, kept as text. */
    record ScanStats(LineFormat format, String text) implements TraceEvent {
    }
}
