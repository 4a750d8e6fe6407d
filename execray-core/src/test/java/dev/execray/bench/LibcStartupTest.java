package dev.execray.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.execray.place.TargetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The C library start-up measurement (LD_AUDIT module xrlibc): what it reports is the interval that ends at main
 * and contains the program's constructors, not an estimate. Checked by behaviour: a constructor that spins until
 * 3 ms of CLOCK_MONOTONIC have passed must show up inside the interval (a lower bound the program itself
 * guarantees, whatever the machine's load), the same program without it is measured too, and a static
 * program, which has no loader to run an audit module, reports nothing.
 */
class LibcStartupTest {
    @TempDir
    Path dir;

    private static final String SLOW = """
            #include <time.h>
            static void spin(void) __attribute__((constructor));
            static void spin(void) {
                struct timespec a, b;
                clock_gettime(CLOCK_MONOTONIC, &a);
                do { clock_gettime(CLOCK_MONOTONIC, &b); }
                while ((b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec) < 3000000L);
            }
            int main(void) { return 0; }
            """;
    private static final String PLAIN = "int main(void) { return 0; }\n";

    private Path build(String name, String src, String... flags) throws Exception {
        Path c = dir.resolve(name + ".c");
        Files.writeString(c, src);
        Path bin = dir.resolve(name);
        List<String> cmd = new java.util.ArrayList<>(List.of(TimerHelper.compiler().get().toString(), "-O2"));
        cmd.addAll(List.of(flags));
        cmd.addAll(List.of("-o", bin.toString(), c.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0).as(log).isTrue();
        return bin;
    }

    private static Launch direct(Path bin) {
        return new Launch(bin.toString(), LaunchPath.DIRECT, bin.toString(), List.of(bin.toString()), false, Map.of(),
                "test");
    }

    @Test
    void constructorsBeforeMainAreInsideTheMeasuredInterval() throws Exception {
        assumeTrue(TimerHelper.compiler().isPresent(), "needs a C compiler (apt-get install gcc)");
        TimerHelper.Choice c = TimerHelper.choose(false);
        assertThat(c.fallbackReason()).isEmpty();
        XrTimer xr = (XrTimer) c.timer();
        double hz = Machine.tscHz(xr);
        Bench bench = new Bench(xr, TargetSpec.host().resolve());
        Path slow = build("slow", SLOW);
        Path plain = build("plain", PLAIN);
        Optional<Breakdown.LoaderStats> ld = bench.loaderStats(direct(slow), 3, hz);
        assertThat(ld).isPresent();
        Breakdown.LibcStartup s = bench.libcStartup(direct(slow), 3, ld, hz).orElseThrow();
        Breakdown.LibcStartup p = bench.libcStartup(direct(plain), 3, bench.loaderStats(direct(plain), 3, hz), hz)
                .orElseThrow();
        assertThat(s.runs()).isGreaterThanOrEqualTo(3);
        assertThat(p.runs()).isGreaterThanOrEqualTo(3);
        if (hz > 0 || s.clock().equals("monotonic-ns")) {
            // the spin alone is 3 ms of CLOCK_MONOTONIC inside every interval, whatever the load (no upper bound
            // is asserted: a loaded machine only makes intervals longer); 2.5 ms leaves room for the TSC rate's
            // measurement error
            double interval = s.clock().equals("monotonic-ns") ? s.untilMainTicks() / 1e9 : s.untilMainTicks() / hz;
            assertThat(interval).isGreaterThanOrEqualTo(0.0025);
            assertThat(s.seconds()).hasValueSatisfying(x -> assertThat(x).isBetween(0.0, interval));
        }
        Path stat = build("static", PLAIN, "-static");
        assertThat(bench.libcStartup(direct(stat), 2, Optional.empty(), hz)).isEmpty();
    }

    @Test
    void parsesOnlyWholeLinesOfTheModule() {
        String[] clock = {""};
        List<Long> t = Breakdown.parseXrlibc("""
                xrlibc clock=tsc consistent=1000 preinit=1700
                noise xrlibc clock=tsc consistent=1 preinit=2
                xrlibc clock=tsc consistent=0 preinit=5
                xrlibc clock=tsc consistent=900 preinit=100
                xrlibc clock=tsc consistent=99999999999999999999999 preinit=1
                xrlibc clock=tsc consistent=2000 preinit=2500
                """, clock);
        assertThat(t).containsExactly(700L, 500L);
        assertThat(clock[0]).isEqualTo("tsc");
        assertThat(Breakdown.parseXrlibc("", clock)).isEmpty();
    }
}
