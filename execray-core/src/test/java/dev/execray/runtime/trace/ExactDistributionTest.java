package dev.execray.runtime.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactDistributionTest {
    @Test
    void quantilesMatchSortingEverySample() {
        Random rnd = new Random(42);
        long[] all = new long[100_000];
        ExactDistribution d = new ExactDistribution();
        for (int i = 0; i < all.length; i++) {
            all[i] = (long) Math.abs(rnd.nextGaussian() * 300);
            d.add(all[i]);
        }
        Arrays.sort(all);
        for (double q : new double[] {0.01, 0.5, 0.95, 0.99, 0.999, 1.0}) {
            long expected = all[(int) Math.ceil(q * all.length) - 1];
            assertThat(d.quantile(q)).as("q=" + q).isEqualTo(expected);
        }
        assertThat(d.max()).isEqualTo(all[all.length - 1]);
        assertThat(d.count()).isEqualTo(all.length);
        assertThat(d.sum()).isEqualTo(Arrays.stream(all).sum());
        assertThat(d.distinct()).isLessThan(3000);
    }

    @Test
    void emptyIsZero() {
        assertThat(new ExactDistribution().quantile(0.99)).isZero();
    }
}
