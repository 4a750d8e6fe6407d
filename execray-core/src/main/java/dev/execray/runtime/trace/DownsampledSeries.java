package dev.execray.runtime.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * A time series of a few channels in bounded memory: at most {@code capacity} buckets; when full,
 * neighbouring buckets merge and each later bucket takes twice as many samples. Each bucket keeps
 * per channel the minimum, maximum, sum and last value, so a plot of a gigabyte of log still shows
 * every peak.
 */
public final class DownsampledSeries {
    private final int channels;
    private final int capacity;
    private final long[] tFirst;
    private final long[] tLast;
    private final long[] samples;
    private final double[][] min;
    private final double[][] max;
    private final double[][] sum;
    private final double[][] last;
    private int buckets;
    private long perBucket = 1;
    private long total;

    public DownsampledSeries(int channels, int capacity) {
        if (capacity < 2 || capacity % 2 != 0) {
            throw new IllegalArgumentException("capacity must be even and at least 2");
        }
        this.channels = channels;
        this.capacity = capacity;
        tFirst = new long[capacity];
        tLast = new long[capacity];
        samples = new long[capacity];
        min = new double[channels][capacity];
        max = new double[channels][capacity];
        sum = new double[channels][capacity];
        last = new double[channels][capacity];
    }

    /** Adds one sample at time {@code t} (any unit; callers use milliseconds). */
    public void add(long t, double... values) {
        if (values.length != channels) {
            throw new IllegalArgumentException(channels + " values expected");
        }
        if (buckets > 0 && samples[buckets - 1] < perBucket) {
            int b = buckets - 1;
            tLast[b] = t;
            samples[b]++;
            for (int c = 0; c < channels; c++) {
                double v = values[c];
                min[c][b] = Math.min(min[c][b], v);
                max[c][b] = Math.max(max[c][b], v);
                sum[c][b] += v;
                last[c][b] = v;
            }
        } else {
            if (buckets == capacity) {
                halve();
            }
            int b = buckets++;
            tFirst[b] = t;
            tLast[b] = t;
            samples[b] = 1;
            for (int c = 0; c < channels; c++) {
                double v = values[c];
                min[c][b] = v;
                max[c][b] = v;
                sum[c][b] = v;
                last[c][b] = v;
            }
        }
        total++;
    }

    private void halve() {
        for (int i = 0; i < capacity / 2; i++) {
            int a = 2 * i;
            int b = a + 1;
            tFirst[i] = tFirst[a];
            tLast[i] = tLast[b];
            samples[i] = samples[a] + samples[b];
            for (int c = 0; c < channels; c++) {
                min[c][i] = Math.min(min[c][a], min[c][b]);
                max[c][i] = Math.max(max[c][a], max[c][b]);
                sum[c][i] = sum[c][a] + sum[c][b];
                last[c][i] = last[c][b];
            }
        }
        buckets = capacity / 2;
        perBucket *= 2;
    }

    public long samples() {
        return total;
    }

    /** One bucket: its time span, sample count and per-channel statistics. */
    public record Bucket(long tFirst, long tLast, long samples, double[] min, double[] max, double[] mean, double[] last) {
    }

    public List<Bucket> buckets() {
        List<Bucket> out = new ArrayList<>(buckets);
        for (int b = 0; b < buckets; b++) {
            double[] mn = new double[channels];
            double[] mx = new double[channels];
            double[] me = new double[channels];
            double[] la = new double[channels];
            for (int c = 0; c < channels; c++) {
                mn[c] = min[c][b];
                mx[c] = max[c][b];
                me[c] = sum[c][b] / samples[b];
                la[c] = last[c][b];
            }
            out.add(new Bucket(tFirst[b], tLast[b], samples[b], mn, mx, me, la));
        }
        return out;
    }

    /** The sum of a channel over bucket {@code b}: for ratios of totals such as GC CPU over capacity. */
    public double sum(int channel, int b) {
        return sum[channel][b];
    }
}
