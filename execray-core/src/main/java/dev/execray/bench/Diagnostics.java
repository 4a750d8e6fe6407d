package dev.execray.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The warnings a set of runs earns: outliers as hyperfine finds them, a slow first run, two groups of runs
 * (bimodality) and a trend over the run number (drift). Each test needs enough runs to say anything; with
 * fewer it stays silent rather than guess.
 */
public final class Diagnostics {
    /**
     * hyperfine's threshold (src/outlier_detection.rs, OUTLIER_THRESHOLD = 1.4826 * 10): ten standard deviations,
     * the MAD scaled by 1.4826 being an estimator of the standard deviation. Checked against hyperfine's own
     * warnings on its own runs (HyperfineOracleTest).
     */
    public static final double OUTLIER_THRESHOLD = 1.4826 * 10.0;
    /**
     * Bimodality needs all of: the bimodality coefficient above 5/9 (the value of a uniform distribution),
     * the best two-group split separated by Ashman's D above 6, and the smaller group at least a tenth of
     * the runs. A hard split inflates D (a split normal sample gives about 2.7, a uniform one 3.5, skewed
     * start-up-like samples up to 6 at 30 runs), hence 6 and not the textbook 2; calibrated by simulation:
     * 0 of 200 normal, uniform, exponential and lognormal samples of 200 runs flagged, 200 of 200 mixtures of
     * two modes 10 σ apart flagged at 30 runs and more.
     */
    static final double BIMODAL_D = 6.0;
    static final int MIN_RUNS_SHAPE = 20;
    /** Drift needs a rank correlation significant at 1 % and medians of the halves at least 5 % apart. */
    static final double DRIFT_Z = 2.576;
    static final double DRIFT_CHANGE = 0.05;

    private Diagnostics() {
    }

    /** The score of each value as hyperfine's modified_zscores computes it: (x - median) / MAD. */
    public static double[] modifiedZScores(double[] xs) {
        double med = Summary.median(xs);
        double[] dev = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            dev[i] = Math.abs(xs[i] - med);
        }
        double mad = Summary.median(dev);
        // all runs equal but a few: hyperfine divides by f64::EPSILON then; so do we, so any difference is an outlier
        double scale = mad > 0 ? mad : Math.ulp(1.0);
        double[] z = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            z[i] = (xs[i] - med) / scale;
        }
        return z;
    }

    /** The warnings for runs given in the order they ran. */
    public static List<Warning> check(double[] timesInOrder) {
        List<Warning> w = new ArrayList<>();
        int n = timesInOrder.length;
        if (n < 3) {
            return w;
        }
        double[] z = modifiedZScores(timesInOrder);
        int outliers = 0;
        for (double v : z) {
            if (Math.abs(v) > OUTLIER_THRESHOLD) {
                outliers++;
            }
        }
        if (z[0] > OUTLIER_THRESHOLD) {
            w.add(new Warning(Warning.Kind.SLOW_FIRST_RUN, String.format("The first benchmarking run for this command "
                    + "was significantly slower than the rest (%s). This could be caused by (filesystem) caches that "
                    + "were not filled until after the first run. Consider using --warmup.",
                    Units.time(timesInOrder[0]))));
        } else if (outliers > 0) {
            w.add(new Warning(Warning.Kind.OUTLIERS, String.format("Statistical outliers were detected (%d of %d runs). "
                    + "Consider re-running this benchmark on a quiet system without any interferences from other "
                    + "programs.", outliers, n)));
        }
        bimodality(timesInOrder).ifPresent(w::add);
        drift(timesInOrder).ifPresent(w::add);
        return w;
    }

    /** The bimodality coefficient (SAS's, with the small-sample skewness and excess kurtosis). */
    static double bimodalityCoefficient(double[] xs) {
        int n = xs.length;
        double m = Summary.mean(xs);
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        for (double x : xs) {
            double d = x - m;
            m2 += d * d;
            m3 += d * d * d;
            m4 += d * d * d * d;
        }
        m2 /= n;
        m3 /= n;
        m4 /= n;
        if (m2 <= 0) {
            return 0;
        }
        double g = m3 / Math.pow(m2, 1.5);
        double k = m4 / (m2 * m2) - 3;
        double skew = g * Math.sqrt((double) n * (n - 1)) / (n - 2);
        double kurt = ((n + 1) * k + 6) * (n - 1) / ((double) (n - 2) * (n - 3));
        return (skew * skew + 1) / (kurt + 3.0 * (n - 1) * (n - 1) / ((double) (n - 2) * (n - 3)));
    }

    /** The best split of the sorted values into two groups (least within-group squared deviation). */
    record Split(int lowCount, double lowMean, double highMean, double ashmanD) {
    }

    static Split bestSplit(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        // shift by the median so the running sums of squares keep their precision
        double shift = s[n / 2];
        double[] pre = new double[n + 1];
        double[] pre2 = new double[n + 1];
        for (int i = 0; i < n; i++) {
            double v = s[i] - shift;
            pre[i + 1] = pre[i] + v;
            pre2[i + 1] = pre2[i] + v * v;
        }
        Split best = null;
        double bestW = Double.POSITIVE_INFINITY;
        for (int k = 2; k <= n - 2; k++) {
            double m1 = pre[k] / k;
            double v1 = Math.max(0, pre2[k] / k - m1 * m1);
            double m2 = (pre[n] - pre[k]) / (n - k);
            double v2 = Math.max(0, (pre2[n] - pre2[k]) / (n - k) - m2 * m2);
            double within = k * v1 + (n - k) * v2;
            if (within < bestW) {
                bestW = within;
                double spread = Math.sqrt(v1 + v2);
                double d = spread > 0 ? Math.sqrt(2) * Math.abs(m2 - m1) / spread : (m2 != m1 ? Double.POSITIVE_INFINITY : 0);
                best = new Split(k, m1 + shift, m2 + shift, d);
            }
        }
        return best;
    }

    static java.util.Optional<Warning> bimodality(double[] xs) {
        int n = xs.length;
        if (n < MIN_RUNS_SHAPE || bimodalityCoefficient(xs) <= 5.0 / 9) {
            return java.util.Optional.empty();
        }
        Split s = bestSplit(xs);
        int small = Math.min(s.lowCount(), n - s.lowCount());
        if (s.ashmanD() <= BIMODAL_D || small < Math.ceil(0.1 * n)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Warning(Warning.Kind.BIMODAL, String.format("The runs fall into two groups: "
                + "%d around %s and %d around %s. Something changes between runs (CPU frequency, which core, page "
                + "cache); the mean describes neither group.", s.lowCount(), Units.time(s.lowMean()),
                n - s.lowCount(), Units.time(s.highMean()))));
    }

    /** Spearman's rank correlation of the values with their run number. */
    static double spearman(double[] xs) {
        int n = xs.length;
        double[] r = ranks(xs);
        double mr = (n + 1) / 2.0;
        double num = 0;
        double dx = 0;
        double dy = 0;
        for (int i = 0; i < n; i++) {
            double a = (i + 1) - mr;
            double b = r[i] - mr;
            num += a * b;
            dx += a * a;
            dy += b * b;
        }
        return dx > 0 && dy > 0 ? num / Math.sqrt(dx * dy) : 0;
    }

    /** Ranks 1..n, ties sharing their average rank. */
    static double[] ranks(double[] xs) {
        int n = xs.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(xs[a], xs[b]));
        double[] r = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && xs[idx[j + 1]] == xs[idx[i]]) {
                j++;
            }
            double avg = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[idx[k]] = avg;
            }
            i = j + 1;
        }
        return r;
    }

    static java.util.Optional<Warning> drift(double[] xs) {
        int n = xs.length;
        if (n < MIN_RUNS_SHAPE) {
            return java.util.Optional.empty();
        }
        double rho = spearman(xs);
        double z = rho * Math.sqrt(n - 1.0);
        double first = Summary.median(Arrays.copyOfRange(xs, 0, n / 2));
        double last = Summary.median(Arrays.copyOfRange(xs, n - n / 2, n));
        double change = (last - first) / first;
        if (Math.abs(z) < DRIFT_Z || Math.abs(change) < DRIFT_CHANGE || Math.signum(change) != Math.signum(rho)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Warning(Warning.Kind.DRIFT, String.format("The times drift %s over the runs "
                + "(median %s in the first half, %s in the second; rank correlation %.2f). Something warms up or "
                + "throttles; more warm-up runs or a quieter machine help.", change > 0 ? "up" : "down",
                Units.time(first), Units.time(last), rho)));
    }
}
