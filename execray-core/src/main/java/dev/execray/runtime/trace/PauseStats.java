package dev.execray.runtime.trace;

/** A distribution of stop-the-world pauses in microseconds, exact (nearest-rank quantiles). */
public record PauseStats(long count, long p50Micros, long p95Micros, long p99Micros, long maxMicros, double meanMicros,
        long totalMicros) {

    public static PauseStats of(ExactDistribution d) {
        return new PauseStats(d.count(), d.quantile(0.50), d.quantile(0.95), d.quantile(0.99), d.max(), d.mean(), d.sum());
    }
}
