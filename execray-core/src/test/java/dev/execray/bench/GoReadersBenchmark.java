package dev.execray.bench;

import dev.execray.binary.ByteSource;
import dev.execray.golang.BuildInfoException;
import dev.execray.golang.BuildInfoReader;
import dev.execray.golang.FunctionTable;
import dev.execray.golang.GoImages;
import dev.execray.golang.PclntabReader;
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

/**
 * In-process throughput of the Go readers (bench/go-bench.sh runs it next to `go version -m`):
 * build info for every file of the corpus (-Dexecray.goCorpus, default /tmp/go-corpus/bin), and the
 * function table of one large binary (-Dexecray.bigGoBinary).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class GoReadersBenchmark {
    List<Path> corpus;
    Path big;

    @Setup
    public void setup() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("execray.goCorpus", "/tmp/go-corpus/bin")))) {
            corpus = s.sorted().toList();
        }
        big = Path.of(System.getProperty("execray.bigGoBinary", "/tmp/go-corpus/bin/deb-packer__usr_bin_packer"));
    }

    /** One pass over the corpus, like `go version -m` given all files: returns how many were Go. */
    @Benchmark
    public int buildInfoOfCorpus() throws IOException {
        int go = 0;
        for (Path p : corpus) {
            try {
                BuildInfoReader.read(GoImages.open(ByteSource.map(p)), BuildInfoReader.Dialect.GO_1_19);
                go++;
            } catch (BuildInfoException | dev.execray.binary.BinaryFormatException e) {
                // not Go, or no blob: counted as go version -m would
            }
        }
        return go;
    }

    @Benchmark
    public int functionTableOfBigBinary() throws IOException {
        FunctionTable t = PclntabReader.read(GoImages.open(ByteSource.open(big)));
        return t.functions().size();
    }
}
