package dev.execray.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How many times slower one command is than a reference: the ratio of medians with a percentile bootstrap
 * confidence interval, and hyperfine's ratio of means with its propagated error, so both readers find their
 * figure.
 *
 * @param median     median(other) / median(reference)
 * @param low        lower bound of the confidence interval of {@code median}
 * @param high       upper bound
 * @param confidence e.g. 0.95
 * @param mean       mean(other) / mean(reference)
 * @param meanError  the error of {@code mean} propagated from both standard deviations, as hyperfine prints it
 */
public record Ratio(double median, double low, double high, double confidence, double mean, double meanError,
        int resamples, long seed) {

    public static final int DEFAULT_RESAMPLES = 2000;
    public static final long DEFAULT_SEED = 0x5eed_e8ecL;

    /**
     * Resamples both commands' runs with replacement, {@code resamples} times, from a generator seeded with
     * {@code seed}: the same runs give the same interval on every machine and every run of execray.
     */
    public static Ratio of(double[] reference, double[] other, double confidence, int resamples, long seed) {
        if (reference.length == 0 || other.length == 0) {
            throw new IllegalArgumentException("a ratio needs runs on both sides");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] ratios = new double[resamples];
        double[] a = new double[reference.length];
        double[] b = new double[other.length];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < a.length; i++) {
                a[i] = reference[rng.nextInt(a.length)];
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = other[rng.nextInt(b.length)];
            }
            // the draws are scratch arrays: sorted in place, no copy per resample
            Arrays.sort(a);
            Arrays.sort(b);
            ratios[r] = Summary.quantileSorted(b, 0.5) / Summary.quantileSorted(a, 0.5);
        }
        Arrays.sort(ratios);
        double tail = (1 - confidence) / 2;
        Summary sa = Summary.of(reference);
        Summary sb = Summary.of(other);
        double mean = sb.mean() / sa.mean();
        // hyperfine's propagation of uncertainty for a quotient
        double err = mean * Math.sqrt(Math.pow(sa.stddev() / sa.mean(), 2) + Math.pow(sb.stddev() / sb.mean(), 2));
        return new Ratio(sb.median() / sa.median(), Summary.quantileSorted(ratios, tail),
                Summary.quantileSorted(ratios, 1 - tail), confidence, mean, err, resamples, seed);
    }

    public static Ratio of(double[] reference, double[] other) {
        return of(reference, other, 0.95, DEFAULT_RESAMPLES, DEFAULT_SEED);
    }

    /** Whether the interval excludes 1: the difference is more than the noise of these runs. */
    public boolean significant() {
        return low > 1 || high < 1;
    }
}
