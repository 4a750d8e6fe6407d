package dev.execray.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyTest {
    /** An owner whose view counts its computations and takes a while, so that readers overlap. */
    static final class Owner {
        final AtomicInteger computed = new AtomicInteger();
        final Lazy<List<String>> view = new Lazy<>();
        volatile boolean fail;

        List<String> read() {
            computed.incrementAndGet();
            if (fail) {
                throw new BinaryFormatException("table", 0x10, "broken");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of("a", "b");
        }

        List<String> view() {
            return view.get(this, Owner::read);
        }
    }

    @Test
    void aViewIsComputedOnceAndTheSameValueIsReturnedAfterwards() {
        Owner o = new Owner();
        List<String> first = o.view();
        assertThat(o.view()).isSameAs(first).containsExactly("a", "b");
        assertThat(o.computed).hasValue(1);
    }

    @Test
    void concurrentReadersComputeItOnceAndAllSeeTheWholeValue() throws Exception {
        Owner o = new Owner();
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> seen = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                seen.add(pool.submit(() -> {
                    start.await();
                    return o.view();
                }));
            }
            start.countDown();
            List<String> first = seen.get(0).get(10, TimeUnit.SECONDS);
            for (Future<List<String>> f : seen) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isSameAs(first).containsExactly("a", "b");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(o.computed).hasValue(1);
    }

    @Test
    void aComputationThatThrowsPublishesNothingAndIsTriedAgain() {
        Owner o = new Owner();
        o.fail = true;
        assertThatThrownBy(o::view).isInstanceOf(BinaryFormatException.class).hasMessageContaining("broken");
        o.fail = false;
        assertThat(o.view()).containsExactly("a", "b");
        assertThat(o.computed).hasValue(2);
    }
}
