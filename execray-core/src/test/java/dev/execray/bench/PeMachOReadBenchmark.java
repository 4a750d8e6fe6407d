package dev.execray.bench;

import dev.execray.binary.ByteSource;
import dev.execray.binary.FileFormat;
import dev.execray.binary.ForeignExecutables;
import dev.execray.binary.macho.FatMachOFile;
import dev.execray.binary.macho.MachOFile;
import dev.execray.binary.pe.PeFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * How long reading a PE or Mach-O file takes, headers and every table (imports, delay imports,
 * exports, debug directory; load commands and symbols), from file to views, over the same corpus
 * the oracles use (set EXECRAY_ORACLE_DIRS to add directories). Run with
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) org.openjdk.jmh.Main PeMachORead}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class PeMachOReadBenchmark {
    private List<Path> pe;
    private List<Path> macho;
    private int next;

    @Setup(Level.Trial)
    public void corpus() throws IOException {
        Path scratch = Files.createTempDirectory("execray-bench");
        pe = ForeignExecutables.find(FileFormat.PE, scratch);
        macho = ForeignExecutables.find(FileFormat.MACHO, scratch);
        macho.addAll(ForeignExecutables.find(FileFormat.FAT, scratch));
        System.out.println("corpus: " + pe.size() + " PE, " + macho.size() + " Mach-O/fat files");
    }

    /** One PE file per call, cycling through the corpus: open, read headers, read every table. */
    @Benchmark
    public void readPeFile(Blackhole bh) throws IOException {
        PeFile f = PeFile.read(ByteSource.open(pe.get(next++ % pe.size())));
        bh.consume(f.imports());
        bh.consume(f.delayImports());
        bh.consume(f.exports());
        bh.consume(f.debugEntries());
    }

    /** One Mach-O (or universal) file per call: open, load commands, symbols of every slice. */
    @Benchmark
    public void readMachOFile(Blackhole bh) throws IOException {
        ByteSource s = ByteSource.open(macho.get(next++ % macho.size()));
        if (s.u32(0, "magic") == 0xbebafecaL || s.u32(0, "magic") == 0xbfbafecaL) {
            FatMachOFile.read(s).slices().forEach(sl -> sl.file().ifPresent(m -> bh.consume(m.symbols())));
        } else {
            bh.consume(MachOFile.read(s).symbols());
        }
    }
}
