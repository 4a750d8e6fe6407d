package dev.execray.bench;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How many times to run a command and what to do around each run.
 *
 * @param warmup        untimed runs first
 * @param minRuns       at least this many timed runs
 * @param maxRuns       at most this many
 * @param budgetNanos   stop after the timed runs took this long in total, once {@code minRuns} are done; 0: run
 *                      exactly {@code minRuns}
 * @param timeoutNanos  kill a run's whole process group after this long; 0: never
 * @param prepare       a shell command run (untimed) before every run
 * @param output        where the program's stdout and stderr go (default /dev/null)
 */
public record RunPlan(int warmup, int minRuns, int maxRuns, long budgetNanos, long timeoutNanos,
        Optional<String> prepare, Optional<Path> output) {

    public RunPlan {
        if (warmup < 0 || minRuns < 1 || maxRuns < minRuns) {
            throw new IllegalArgumentException("runs: need warmup >= 0 and 1 <= min <= max");
        }
    }

    public static RunPlan exactly(int runs) {
        return new RunPlan(0, runs, runs, 0, 0, Optional.empty(), Optional.empty());
    }

    public RunPlan timedRunsOnly() {
        return new RunPlan(0, minRuns, maxRuns, budgetNanos, timeoutNanos, prepare, output);
    }

    public RunPlan withOutput(Path p) {
        return new RunPlan(warmup, minRuns, maxRuns, budgetNanos, timeoutNanos, prepare, Optional.of(p));
    }
}
