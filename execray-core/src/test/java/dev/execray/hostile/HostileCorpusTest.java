package dev.execray.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every hostile case, small, each in its own JVM as a user runs execray: heap capped at 256 MB, a private temporary
 * directory, and a time bound. Each must end with one of its exit codes and its expected output, never a stack
 * trace, never a raw control character on the terminal, one line for a refusal, and nothing left in temp space.
 */
class HostileCorpusTest {
    /** Generous for a 2-core machine under load; the cases take 1-3 s each. */
    static final long TIME_BOUND_SECONDS = 120;

    @TempDir
    static Path dir;

    record Run(int exit, String stdout, String stderr, List<String> leftInTmp) {
    }

    static Run run(List<String> args, Path tmp, List<String> prefix) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                "dev.execray.cli.Main"));
        cmd.addAll(args);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!p.waitFor(TIME_BOUND_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("no result within " + TIME_BOUND_SECONDS + " s: " + String.join(" ", args));
        }
        List<String> left;
        try (Stream<Path> s = Files.list(tmp)) {
            left = s.map(x -> x.getFileName().toString()).filter(n -> !n.startsWith("hsperfdata")).toList();
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), left);
    }

    @TestFactory
    List<DynamicTest> everyHostileCaseEndsAsPromised() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (HostileCorpus.Case c : HostileCorpus.build(dir.resolve("corpus"), HostileCorpus.Scale.SMALL)) {
            tests.add(DynamicTest.dynamicTest(c.name() + ": " + c.attacks(), () -> {
                Path tmp = Files.createDirectories(dir.resolve("tmp-" + c.name()));
                Run r = run(c.args(), tmp, List.of());
                String all = r.stdout() + r.stderr();
                assertThat(r.exit()).as(c.expect() + "\n" + all).isIn(c.exits());
                assertThat(c.output().test(all)).as(c.expect() + "\n" + all).isTrue();
                assertThat(all).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception in thread");
                assertThat(all).as("no raw terminal control").doesNotContain("\u001b").doesNotContain("\u0007")
                        .doesNotContain("\r");
                if (r.exit() == 3 || r.exit() == 70) {
                    assertThat(r.stderr().lines().filter(l -> !l.contains("warning:")).count()).as("one line")
                            .isEqualTo(1);
                }
                assertThat(r.leftInTmp()).as("temp space left behind").isEmpty();
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> outOfMemoryIsOneLineExit70AndLeavesNoTempFiles() throws IOException {
        // the many-files image at a heap too small for its tree: the one path to an Error we can provoke on purpose
        Path corpus = dir.resolve("oom");
        HostileCorpus.Case many = HostileCorpus.build(corpus, HostileCorpus.Scale.SMALL).stream()
                .filter(c -> c.name().equals("many-empty-files")).findFirst().orElseThrow();
        return List.of(DynamicTest.dynamicTest("check-image at -Xmx12m", () -> {
            Path tmp = Files.createDirectories(dir.resolve("tmp-oom"));
            List<String> args = new ArrayList<>(many.args());
            Run r = runWithHeap(args, tmp, "-Xmx12m");
            assertThat(r.exit()).as(r.stderr()).isEqualTo(70);
            assertThat(r.stderr().strip().lines().count()).isEqualTo(1);
            assertThat(r.stderr()).contains("out of memory").doesNotContain("\tat ");
            assertThat(r.leftInTmp()).isEmpty();
        }));
    }

    private static Run runWithHeap(List<String> args, Path tmp, String heap) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                "dev.execray.cli.Main"));
        cmd.addAll(args);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIME_BOUND_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("no result within " + TIME_BOUND_SECONDS + " s");
        }
        List<String> left;
        try (Stream<Path> s = Files.list(tmp)) {
            left = s.map(x -> x.getFileName().toString()).filter(n -> !n.startsWith("hsperfdata")).toList();
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err), left);
    }
}
