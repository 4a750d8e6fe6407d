package dev.execray.runtime.trace;

import java.util.Arrays;

/**
 * Exact quantiles of non-negative integer samples in memory proportional to the number of
 * <em>distinct</em> values, not of samples: a count per value in an open-addressing table.
 *
 * <p>This is exact, not a sketch, and stays small for GC pauses because of how the runtime prints
 * them: {@code fmtNSAsMS} keeps two significant digits below 10 ms and whole milliseconds above,
 * so a log of ten million cycles holds a few hundred distinct pause values.
 */
public final class ExactDistribution {
    private static final long EMPTY = Long.MIN_VALUE;
    /** Beyond this many distinct values the table stops growing and counts the rest as lost. */
    static final int MAX_DISTINCT = 1 << 22;

    private long[] keys = newKeys(256);
    private long[] counts = new long[256];
    private int distinct;
    private long total;
    private long sum;
    private long lost;

    private static long[] newKeys(int n) {
        long[] k = new long[n];
        Arrays.fill(k, EMPTY);
        return k;
    }

    public void add(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative sample " + value);
        }
        int mask = keys.length - 1;
        int i = mix(value) & mask;
        while (keys[i] != EMPTY) {
            if (keys[i] == value) {
                counts[i]++;
                total++;
                sum += value;
                return;
            }
            i = (i + 1) & mask;
        }
        if (distinct >= MAX_DISTINCT) {
            lost++;
            return;
        }
        keys[i] = value;
        counts[i] = 1;
        distinct++;
        total++;
        sum += value;
        if (distinct * 2 > keys.length) {
            grow();
        }
    }

    private static int mix(long v) {
        long h = v * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private void grow() {
        long[] ok = keys;
        long[] oc = counts;
        keys = newKeys(ok.length * 2);
        counts = new long[ok.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < ok.length; j++) {
            if (ok[j] != EMPTY) {
                int i = mix(ok[j]) & mask;
                while (keys[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                keys[i] = ok[j];
                counts[i] = oc[j];
            }
        }
    }

    public long count() {
        return total;
    }

    public long sum() {
        return sum;
    }

    /** Samples not kept because the table was full (only hostile input gets there). */
    public long lost() {
        return lost;
    }

    public int distinct() {
        return distinct;
    }

    /**
     * The nearest-rank quantile: the smallest sample such that at least {@code q} of all samples
     * are at or below it. Zero when empty.
     */
    public long quantile(double q) {
        if (total == 0) {
            return 0;
        }
        long[][] sorted = sorted();
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < sorted[0].length; i++) {
            seen += sorted[1][i];
            if (seen >= rank) {
                return sorted[0][i];
            }
        }
        return sorted[0][sorted[0].length - 1];
    }

    public long max() {
        long m = 0;
        for (long k : keys) {
            if (k != EMPTY && k > m) {
                m = k;
            }
        }
        return m;
    }

    public double mean() {
        return total == 0 ? 0 : (double) sum / total;
    }

    /** Distinct values ascending with their counts: {values, counts}. */
    public long[][] sorted() {
        long[] v = new long[distinct];
        int n = 0;
        for (long k : keys) {
            if (k != EMPTY) {
                v[n++] = k;
            }
        }
        Arrays.sort(v);
        long[] c = new long[distinct];
        int mask = keys.length - 1;
        for (int j = 0; j < n; j++) {
            int i = mix(v[j]) & mask;
            while (keys[i] != v[j]) {
                i = (i + 1) & mask;
            }
            c[j] = counts[i];
        }
        return new long[][] {v, c};
    }
}
