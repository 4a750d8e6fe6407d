package dev.execray.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class StatisticsTest {

    static double[] sample(int n, DoubleSupplier g) {
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = g.getAsDouble();
        }
        return xs;
    }

    @Test
    void summaryOfSmallKnownSample() {
        Summary s = Summary.of(new double[] {5, 1, 4, 2, 3});
        assertThat(s.runs()).isEqualTo(5);
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(5);
        assertThat(s.mean()).isEqualTo(3);
        assertThat(s.median()).isEqualTo(3);
        // sample standard deviation: sqrt(10 / 4)
        assertThat(s.stddev()).isCloseTo(Math.sqrt(2.5), within(1e-12));
        // type 7: h = 4 * 0.95 = 3.8 -> 4 + 0.8 * (5 - 4)
        assertThat(s.p95()).isCloseTo(4.8, within(1e-12));
        assertThat(Summary.of(new double[] {1, 2, 3, 4}).median()).isEqualTo(2.5);
        assertThat(Summary.of(new double[] {7}).stddev()).isZero();
    }

    @Test
    void summaryOfNormalSampleMatchesItsParameters() {
        Random r = new Random(42);
        Summary s = Summary.of(sample(20_000, () -> 0.010 + 0.001 * r.nextGaussian()));
        assertThat(s.mean()).isCloseTo(0.010, within(2e-5));
        assertThat(s.median()).isCloseTo(0.010, within(2e-5));
        assertThat(s.stddev()).isCloseTo(0.001, within(2e-5));
        // the 95th percentile of a normal: mean + 1.6449 sigma
        assertThat(s.p95()).isCloseTo(0.010 + 1.6449e-3, within(4e-5));
    }

    @Test
    void summaryOfExponentialSample() {
        Random r = new Random(7);
        Summary s = Summary.of(sample(20_000, () -> -Math.log(1 - r.nextDouble()) * 0.002));
        assertThat(s.mean()).isCloseTo(0.002, within(4e-5));
        assertThat(s.median()).isCloseTo(0.002 * Math.log(2), within(4e-5));
        assertThat(s.p95()).isCloseTo(0.002 * Math.log(20), within(1e-4));
    }

    @Test
    void modifiedZScoresAsHyperfineComputesThem() {
        double[] z = Diagnostics.modifiedZScores(new double[] {1, 2, 3, 4, 100});
        // median 3, deviations 2 1 0 1 97 -> MAD 1
        assertThat(z[4]).isCloseTo(97, within(1e-9));
        assertThat(z[0]).isCloseTo(-2, within(1e-9));
    }

    @Test
    void outliersFoundOnlyWhenThere() {
        Random r = new Random(1);
        double[] clean = sample(200, () -> 0.001 + 0.00002 * r.nextGaussian());
        assertThat(Diagnostics.check(clean)).isEmpty();
        double[] spiky = clean.clone();
        spiky[57] = 0.005;
        List<Warning> w = Diagnostics.check(spiky);
        assertThat(w).extracting(Warning::kind).containsExactly(Warning.Kind.OUTLIERS);
        assertThat(w.get(0).message()).contains("Statistical outliers were detected (1 of 200 runs)");
    }

    @Test
    void slowFirstRunIsNamed() {
        Random r = new Random(2);
        double[] xs = sample(30, () -> 0.001 + 0.00002 * r.nextGaussian());
        xs[0] = 0.01;
        assertThat(Diagnostics.check(xs)).extracting(Warning::kind).containsExactly(Warning.Kind.SLOW_FIRST_RUN);
    }

    @Test
    void bimodalMixtureFlaggedUnimodalShapesNot() {
        Random r = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            double[] mix = sample(60, () -> r.nextDouble() < 0.7 ? 0.001 + 0.00003 * r.nextGaussian()
                    : 0.0015 + 0.00003 * r.nextGaussian());
            assertThat(Diagnostics.check(mix)).extracting(Warning::kind).contains(Warning.Kind.BIMODAL);
            assertThat(Diagnostics.check(sample(60, () -> 0.001 + 0.00003 * r.nextGaussian())))
                    .extracting(Warning::kind).doesNotContain(Warning.Kind.BIMODAL);
            assertThat(Diagnostics.check(sample(200, () -> 0.001 + 0.001 * r.nextDouble())))
                    .extracting(Warning::kind).doesNotContain(Warning.Kind.BIMODAL);
            assertThat(Diagnostics.check(sample(200, () -> 0.001 * Math.exp(0.5 * r.nextGaussian()))))
                    .extracting(Warning::kind).doesNotContain(Warning.Kind.BIMODAL);
        }
        Diagnostics.Split s = Diagnostics.bestSplit(new double[] {1, 1.1, 0.9, 1, 5, 5.1, 4.9, 5});
        assertThat(s.lowCount()).isEqualTo(4);
        assertThat(s.lowMean()).isCloseTo(1, within(1e-9));
        assertThat(s.highMean()).isCloseTo(5, within(1e-9));
    }

    @Test
    void driftNeedsATrendAndASizeableChange() {
        Random r = new Random(4);
        int[] i = {0};
        double[] rising = sample(100, () -> 0.001 * (1 + 0.003 * i[0]++) + 0.00001 * r.nextGaussian());
        List<Warning> w = Diagnostics.check(rising);
        assertThat(w).extracting(Warning::kind).contains(Warning.Kind.DRIFT);
        assertThat(w.stream().filter(x -> x.kind() == Warning.Kind.DRIFT).findFirst().orElseThrow().message())
                .contains("drift up");
        // a significant but tiny trend (0.5 % over the runs) is not worth a warning
        i[0] = 0;
        double[] tiny = sample(400, () -> 0.001 * (1 + 0.0000125 * i[0]++) + 0.0000005 * r.nextGaussian());
        assertThat(Diagnostics.spearman(tiny)).isGreaterThan(0.5);
        assertThat(Diagnostics.check(tiny)).extracting(Warning::kind).doesNotContain(Warning.Kind.DRIFT);
        assertThat(Diagnostics.check(sample(100, () -> 0.001 + 0.00003 * r.nextGaussian())))
                .extracting(Warning::kind).doesNotContain(Warning.Kind.DRIFT);
    }

    @Test
    void ranksShareTies() {
        assertThat(Diagnostics.ranks(new double[] {3, 1, 3, 2})).containsExactly(3.5, 1, 3.5, 2);
    }

    @Test
    void bootstrapRatioCoversTheTrueRatioAndIsReproducible() {
        Random r = new Random(5);
        double[] a = sample(200, () -> 0.001 + 0.00005 * r.nextGaussian());
        double[] b = sample(200, () -> 0.0015 + 0.00005 * r.nextGaussian());
        Ratio q = Ratio.of(a, b);
        assertThat(q.median()).isCloseTo(1.5, within(0.02));
        assertThat(q.low()).isLessThan(q.median()).isGreaterThan(1.4);
        assertThat(q.high()).isGreaterThan(q.median()).isLessThan(1.6);
        assertThat(q.significant()).isTrue();
        assertThat(q.mean()).isCloseTo(1.5, within(0.02));
        // hyperfine's propagated error: 1.5 * sqrt((0.05/1)^2 + (0.05/1.5)^2) ≈ 0.09
        assertThat(q.meanError()).isCloseTo(0.09, within(0.01));
        assertThat(Ratio.of(a, b)).isEqualTo(q);
        // the same distribution twice: the interval holds 1
        double[] c = sample(200, () -> 0.001 + 0.00005 * r.nextGaussian());
        Ratio same = Ratio.of(a, c);
        assertThat(same.low()).isLessThan(1);
        assertThat(same.high()).isGreaterThan(1);
        assertThat(same.significant()).isFalse();
    }

    @Test
    void bootstrapCoverageIsNearItsConfidence() {
        // 100 experiments of 40 runs each from lognormals whose true median ratio is 1.2: about 95 % of the
        // intervals hold it (binomial sd of the count is about 2.2)
        Random r = new Random(6);
        int covered = 0;
        for (int t = 0; t < 100; t++) {
            double[] a = sample(40, () -> 0.001 * Math.exp(0.1 * r.nextGaussian()));
            double[] b = sample(40, () -> 0.0012 * Math.exp(0.1 * r.nextGaussian()));
            Ratio q = Ratio.of(a, b, 0.95, 400, t);
            if (q.low() <= 1.2 && 1.2 <= q.high()) {
                covered++;
            }
        }
        assertThat(covered).isBetween(86, 100);
    }

    @Test
    void unitsPickAReadableScale() {
        assertThat(Units.time(0.000512)).isEqualTo("512.0 µs");
        assertThat(Units.time(0.0123)).isEqualTo("12.30 ms");
        assertThat(Units.time(2.5)).isEqualTo("2.500 s");
    }
}
