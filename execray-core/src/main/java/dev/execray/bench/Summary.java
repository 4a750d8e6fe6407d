package dev.execray.bench;

import java.util.Arrays;

/**
 * The figures hyperfine prints for one command, over wall-clock times in seconds.
 *
 * @param stddev the sample standard deviation (n - 1), as hyperfine computes it; 0 for one run
 * @param p95    the 95th percentile, interpolated linearly between order statistics (R's type 7)
 */
public record Summary(int runs, double min, double max, double mean, double stddev, double median, double p95) {

    /** Summarises {@code times}; at least one value is needed. */
    public static Summary of(double[] times) {
        if (times.length == 0) {
            throw new IllegalArgumentException("no runs to summarise");
        }
        double[] s = times.clone();
        Arrays.sort(s);
        double mean = mean(s);
        double var = 0;
        for (double x : s) {
            var += (x - mean) * (x - mean);
        }
        double sd = s.length > 1 ? Math.sqrt(var / (s.length - 1)) : 0;
        return new Summary(s.length, s[0], s[s.length - 1], mean, sd, quantileSorted(s, 0.5), quantileSorted(s, 0.95));
    }

    static double mean(double[] xs) {
        // Kahan summation: a few thousand runs of a few hundred microseconds each lose nothing visible,
        // but the mean of a million bootstrap draws would
        double sum = 0;
        double c = 0;
        for (double x : xs) {
            double y = x - c;
            double t = sum + y;
            c = (t - sum) - y;
            sum = t;
        }
        return sum / xs.length;
    }

    /** The q-quantile of sorted values, linear between the two nearest order statistics. */
    static double quantileSorted(double[] s, double q) {
        double h = (s.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return quantileSorted(s, 0.5);
    }
}
