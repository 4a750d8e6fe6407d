package dev.execray.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.execray.testing.Run;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hyperfine's own runs, read back from its JSON export, summarised by execray's statistics: the same mean,
 * standard deviation, median, min and max, the same outlier and slow-first-run warnings, and the same
 * "X ± Y times faster" ratios. The inputs are real timings, so the noisy ones exercise the outlier test too;
 * both sides see identical numbers, so the comparison does not depend on scheduling.
 */
@Tag("oracle")
class HyperfineOracleTest {
    static final List<List<String>> PAIRS = List.of(
            List.of("/bin/true", "/bin/false"),
            List.of("/bin/sh -c true", "/usr/bin/env true"),
            List.of("/bin/ls /", "/bin/echo x"),
            List.of("/bin/cat /dev/null", "/bin/sleep 0.001"),
            List.of("/bin/sh -c :", "/bin/uname"),
            List.of("/bin/date", "/bin/pwd"));
    static final Pattern FASTER = Pattern.compile("([0-9.]+) ± ([0-9.]+) times faster than '([^']*)'");

    @Test
    void execrayStatisticsAgreeWithHyperfineOnItsOwnRuns(@TempDir Path dir) throws Exception {
        assertThat(Run.available("hyperfine")).as("hyperfine is needed: apt-get install hyperfine").isTrue();
        int results = 0;
        int warnings = 0;
        int ratios = 0;
        for (int i = 0; i < PAIRS.size(); i++) {
            Path json = dir.resolve("hf" + i + ".json");
            List<String> cmd = new ArrayList<>(List.of("hyperfine", "-N", "-i", "--style", "basic", "--runs", "40",
                    "--export-json", json.toString()));
            cmd.addAll(PAIRS.get(i));
            // hyperfine writes its warnings to stderr between the benchmarks on stdout: one stream keeps the order
            StringBuilder line = new StringBuilder("exec");
            cmd.forEach(c -> line.append(' ').append(Shell.quote(c)));
            Run.Result r = Run.run(List.of("/bin/sh", "-c", line + " 2>&1"));
            assertThat(r.exit()).as(r.err()).isZero();
            JsonNode res = new ObjectMapper().readTree(json.toFile()).get("results");
            String[] sections = r.out().split("(?m)^Benchmark \\d+: ");
            double[][] times = new double[res.size()][];
            for (int k = 0; k < res.size(); k++) {
                JsonNode x = res.get(k);
                double[] t = new double[x.get("times").size()];
                for (int j = 0; j < t.length; j++) {
                    t[j] = x.get("times").get(j).asDouble();
                }
                times[k] = t;
                Summary s = Summary.of(t);
                double scale = s.mean();
                assertThat(s.mean()).isCloseTo(x.get("mean").asDouble(), within(1e-9 * scale));
                assertThat(s.stddev()).isCloseTo(x.get("stddev").asDouble(), within(1e-9 * scale));
                assertThat(s.median()).isCloseTo(x.get("median").asDouble(), within(1e-12));
                assertThat(s.min()).isEqualTo(x.get("min").asDouble());
                assertThat(s.max()).isEqualTo(x.get("max").asDouble());
                // hyperfine's warnings for this benchmark are in its section of the output
                String section = sections.length > k + 1 ? sections[k + 1].split("\\nSummary")[0] : "";
                List<Warning.Kind> ours = Diagnostics.check(t).stream().map(Warning::kind)
                        .filter(w -> w == Warning.Kind.OUTLIERS || w == Warning.Kind.SLOW_FIRST_RUN).toList();
                assertThat(section.contains("Statistical outliers were detected"))
                        .as(x.get("command").asText()).isEqualTo(ours.contains(Warning.Kind.OUTLIERS));
                assertThat(section.contains("first benchmarking run for this command was significantly slower"))
                        .as(x.get("command").asText()).isEqualTo(ours.contains(Warning.Kind.SLOW_FIRST_RUN));
                warnings += ours.size();
                results++;
            }
            // "Summary: 'A' ran X ± Y times faster than 'B'": B against the fastest by mean
            int fastest = res.get(0).get("mean").asDouble() <= res.get(1).get("mean").asDouble() ? 0 : 1;
            Matcher m = FASTER.matcher(r.out());
            assertThat(m.find()).as(r.out()).isTrue();
            Ratio q = Ratio.of(times[fastest], times[1 - fastest]);
            assertThat(q.mean()).isCloseTo(Double.parseDouble(m.group(1)), within(0.0051));
            assertThat(q.meanError()).isCloseTo(Double.parseDouble(m.group(2)), within(0.0051));
            ratios++;
        }
        System.out.printf("hyperfine oracle: %d results (mean, stddev, median, min, max), %d warnings raised by both, "
                + "%d ratios agree%n", results, warnings, ratios);
        assertThat(results).isGreaterThanOrEqualTo(12);
        assertThat(ratios).isGreaterThanOrEqualTo(6);
    }
}
