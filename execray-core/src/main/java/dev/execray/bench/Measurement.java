package dev.execray.bench;

import java.util.List;
import java.util.Optional;

/**
 * What a timer saw for one command: the timed runs in order, and how it ended.
 *
 * @param timedOutAfterNanos set when a run passed the timeout and its process group was killed
 * @param spawnError         the errno when the program could not be started at all
 * @param prepareFailed      the exit status of a failing --prepare command
 * @param strays             processes the command left behind, killed by the timer
 */
public record Measurement(List<Run> runs, Optional<Long> timedOutAfterNanos, Optional<Integer> spawnError,
        Optional<Integer> prepareFailed, int strays) {

    public Measurement {
        runs = List.copyOf(runs);
    }

    public double[] seconds() {
        return runs.stream().mapToDouble(Run::seconds).toArray();
    }

    public boolean complete() {
        return timedOutAfterNanos.isEmpty() && spawnError.isEmpty() && prepareFailed.isEmpty() && !runs.isEmpty();
    }
}
