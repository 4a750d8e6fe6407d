package dev.execray.bench;

/**
 * One timed run.
 *
 * @param wallNanos  from just before the spawn to just after wait returned the child
 * @param userMicros the child's user CPU time (rusage)
 * @param sysMicros  the child's system CPU time
 * @param maxRssKb   its peak resident set, 0 when the timer cannot tell
 * @param signaled   whether it was killed by a signal; then {@code status} is the signal number
 * @param status     the exit status, or the signal number
 */
public record Run(long wallNanos, long userMicros, long sysMicros, long maxRssKb, boolean signaled, int status) {

    public double seconds() {
        return wallNanos / 1e9;
    }

    public boolean ok() {
        return !signaled && status == 0;
    }
}
