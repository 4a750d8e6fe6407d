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

    /**
     * The plan of bench's options: exactly {@code runs} timed runs when given, else from {@code minRuns} to
     * {@code maxRuns} within {@code budgetSeconds}; {@code timeoutSeconds} kills a run after that long.
     *
     * @throws IllegalArgumentException saying, in the options' words, which count or time is out of range
     */
    public static RunPlan of(Optional<Integer> runs, int minRuns, int maxRuns, double budgetSeconds, int warmup,
            Optional<Double> timeoutSeconds, Optional<String> prepare) {
        if (runs.map(r -> r < 1).orElse(false) || minRuns < 1 || maxRuns < minRuns || warmup < 0 || budgetSeconds < 0
                || timeoutSeconds.map(t -> t <= 0).orElse(false)) {
            throw new IllegalArgumentException("runs must be at least 1, --max-runs at least --min-runs, times positive");
        }
        long timeout = timeoutSeconds.map(t -> (long) (t * 1e9)).orElse(0L);
        return runs.isPresent()
                ? new RunPlan(warmup, runs.get(), runs.get(), 0, timeout, prepare, Optional.empty())
                : new RunPlan(warmup, minRuns, maxRuns, (long) (budgetSeconds * 1e9), timeout, prepare, Optional.empty());
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
