package dev.execray.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The launcher's training run for its class-data-sharing archive: the archive holds the classes one JVM
 * loaded, so this runs the everyday commands once each, in-process, on the files given, with their output
 * thrown away. Every command then starts with its classes (and its lambda classes) already parsed and
 * verified. Hidden: it is not for users.
 */
@Command(name = "cds-training", hidden = true, description = "Run the everyday commands once (launcher's CDS archive).")
final class CdsTrainingCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Executable files to run the commands on.")
    List<String> files = List.of();

    // a few lines of each runtime trace format the gc and sched commands read
    private static final String TRACE = """
            gc 1 @0.011s 2%: 0.009+0.39+0.003 ms clock, 0.019+0.10/0.30/0.20+0.007 ms cpu, 4->4->0 MB, 5 MB goal, 2 P
            scvg: inuse: 3, idle: 60, sys: 63, released: 60, consumed: 3 (MB)
            SCHED 0ms: gomaxprocs=2 idlethreads=0 threads=4 spinningthreads=0 idleprocs=1 runqueue=0 [0 0]
            gc 2 @0.020s 3%: 0.010+0.50+0.004 ms clock, 0.020+0.12/0.31/0.25+0.008 ms cpu, 4->5->1 MB, 5 MB goal, 2 P
            """;

    @Override
    public Integer call() {
        try (PrintWriter nowhere = new PrintWriter(Writer.nullWriter())) {
            Path log = Files.createTempFile("execray-cds", ".log");
            try {
                Files.writeString(log, TRACE, StandardCharsets.UTF_8);
                String[] f = files.toArray(String[]::new);
                String first = f.length > 0 ? f[0] : "/bin/sh";
                List<String[]> runs = List.of(
                        concat(new String[] {"inspect"}, f),
                        concat(new String[] {"inspect", "--json"}, f),
                        new String[] {"explain", first},
                        new String[] {"explain", "--json", first},
                        new String[] {"ldd", first},
                        new String[] {"which", "sh"},
                        new String[] {"go", first},
                        new String[] {"go", "--modinfo", first},
                        new String[] {"godebug", "gctrace=1,madvdontneed=1"},
                        new String[] {"binfmt", "parse", ":x:M::\\x7fELF::/bin/true:"},
                        new String[] {"runtime", "gc", log.toString()},
                        new String[] {"runtime", "sched", log.toString()});
                for (String[] args : runs) {
                    Main.run(nowhere, nowhere, args);
                }
                // a directory of Go binaries (the launcher passes fixtures/out/go when it is there): go --modinfo
                // over every format through the path a real run takes, Main.main's picocli-free one, so that the
                // archive holds the ELF, PE, Mach-O and XCOFF classes it loads (measured: ~60 classes, ~25 ms of
                // a cold run's CPU when they come from the jar)
                for (String d : files) {
                    if (Files.isDirectory(Path.of(d))) {
                        new GoVersionM(java.io.OutputStream.nullOutputStream(), java.io.OutputStream.nullOutputStream(),
                                dev.execray.golang.GoVersionMScan.dialectOfGoOnPath(), false).run(List.of(d));
                        Main.run(nowhere, nowhere, "go", "--modinfo", "--json", d);
                    }
                }
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ExitCode.OK;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
