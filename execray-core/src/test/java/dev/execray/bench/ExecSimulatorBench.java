package dev.execray.bench;

import dev.execray.exec.ExecRequest;
import dev.execray.exec.ExecResult;
import dev.execray.exec.ExecSimulator;
import dev.execray.place.TargetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of the exec-path simulation over the regular files in /usr/bin of this machine: each
 * operation explains every file once (open, binfmt_misc, #!, ELF checks, interpreter, messages).
 * Run after {@code mvn test-compile}, with the test classpath in {@code cp}
 * ({@code mvn dependency:build-classpath -Dmdep.outputFile=cp -Dmdep.includeScope=test}):
 * {@code java -cp target/test-classes:target/classes:$(cat cp) org.openjdk.jmh.Main ExecSimulatorBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class ExecSimulatorBench {
    List<Path> files;
    ExecSimulator sim;

    @Setup
    public void setUp() throws Exception {
        try (Stream<Path> s = Files.list(Path.of("/usr/bin"))) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        sim = new ExecSimulator(TargetSpec.host().resolve());
    }

    @Benchmark
    public void explainUsrBin(Blackhole bh) throws IOException {
        for (Path p : files) {
            ExecResult r = sim.explain(ExecRequest.of(p.toString()));
            bh.consume(r.verdict());
        }
    }
}
