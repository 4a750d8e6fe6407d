package dev.execray.bench;

import dev.execray.runtime.trace.GcAnalysis;
import dev.execray.runtime.trace.GcReport;
import dev.execray.runtime.trace.ReadSummary;
import dev.execray.runtime.trace.SchedAnalysis;
import dev.execray.runtime.trace.TraceReader;
import dev.execray.runtime.trace.TraceSink;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Throughput of the trace pipeline (line splitting, parsing, GC and scheduler analysis) over a log of
 * the given size, generated once into the given path (not committed). Run by bench/runtime-trace-parse.sh
 * pinned to one core: prints MB/s and the peak heap.
 *
 * <pre>java -cp ... dev.execray.bench.TraceParseBench /tmp/execray-bench/trace-1g.log 1024 [runs]</pre>
 */
public final class TraceParseBench {
    private TraceParseBench() {
    }

    public static void main(String[] args) throws IOException {
        Path log = Path.of(args[0]);
        long mb = Long.parseLong(args[1]);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        if (!Files.exists(log) || Files.size(log) < mb << 20) {
            long t0 = System.nanoTime();
            generate(log, mb << 20);
            System.out.printf("generated %s (%,d bytes) in %.1f s%n", log, Files.size(log), (System.nanoTime() - t0) / 1e9);
        }
        long size = Files.size(log);
        double best = 0;
        double bestCpu = 0;
        for (int r = 1; r <= runs; r++) {
            GcAnalysis gc = new GcAnalysis();
            SchedAnalysis sched = new SchedAnalysis();
            long t0 = System.nanoTime();
            long c0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            ReadSummary read;
            try (InputStream in = Files.newInputStream(log)) {
                read = TraceReader.read(in, TraceSink.all(gc, sched));
            }
            GcReport g = gc.report(read);
            sched.report(read);
            double secs = (System.nanoTime() - t0) / 1e9;
            double cpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - c0) / 1e9;
            double rate = size / 1e6 / secs;
            best = Math.max(best, rate);
            bestCpu = Math.max(bestCpu, size / 1e6 / cpu);
            // wall time counts time the core was given to other processes; thread CPU time does not
            System.out.printf("run %d: %,d bytes, %,d lines (%,d gc cycles, %,d unreadable): wall %.2f s = %.0f MB/s, "
                    + "parser thread CPU %.2f s = %.0f MB/s (p99 pause %d us)%n", r, size, read.lines(), g.cycles(),
                    read.unreadableCount(), secs, rate, cpu, size / 1e6 / cpu, g.stwPauses().p99Micros());
        }
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        System.out.printf("best: %.0f MB/s wall, %.0f MB/s per CPU second; peak heap (sum of heap pools' peaks): %.1f MB; max heap %d MB%n", best, bestCpu,
                peak / 1e6, Runtime.getRuntime().maxMemory() >> 20);
    }

    /**
     * A log shaped like GODEBUG=gctrace=1,gcpacertrace=1,scavtrace=1,schedtrace=1000 output of a busy
     * go1.19 server, with some program output: per cycle a gc line, two pacer lines and a scav line;
     * every tenth cycle a SCHED line and a line of the program's own.
     */
    static void generate(Path log, long bytes) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        SplittableRandom rnd = new SplittableRandom(7);
        StringBuilder sb = new StringBuilder(1 << 16);
        long written = 0;
        long n = 0;
        long ms = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(log), 1 << 20)) {
            while (written < bytes) {
                n++;
                ms += 5 + rnd.nextInt(200);
                long live = 100 + rnd.nextInt(900);
                long goal = live * 2;
                sb.append("pacer: assist ratio=+").append(rnd.nextInt(9)).append('.').append(100000 + rnd.nextInt(899999))
                        .append("e-001 (scan ").append(live / 2).append(" MB in ").append(goal - 20).append("->").append(goal)
                        .append(" MB) workers=2++").append(rnd.nextInt(9)).append(".500000e-001\n");
                sb.append("gc ").append(n).append(" @").append(ms / 1000).append('.').append(String.format("%03d", ms % 1000))
                        .append("s ").append(rnd.nextInt(12)).append("%: 0.0").append(10 + rnd.nextInt(89)).append('+')
                        .append(rnd.nextInt(40)).append('.').append(rnd.nextInt(10)).append("+0.0").append(10 + rnd.nextInt(89))
                        .append(" ms clock, 0.").append(100 + rnd.nextInt(899)).append('+').append(rnd.nextInt(9)).append('.')
                        .append(rnd.nextInt(99)).append('/').append(rnd.nextInt(80)).append('/').append(rnd.nextInt(30))
                        .append("+0.").append(10 + rnd.nextInt(89)).append(" ms cpu, ").append(goal - 10).append("->")
                        .append(goal + rnd.nextInt(20)).append("->").append(live).append(" MB, ").append(goal)
                        .append(" MB goal, 1 MB stacks, 0 MB globals, 8 P").append(rnd.nextInt(50) == 0 ? " (forced)\n" : "\n");
                sb.append("pacer: 25% CPU (25 exp.) for ").append(rnd.nextInt(1 << 30)).append('+').append(rnd.nextInt(1 << 20))
                        .append("+224080 B work (").append(rnd.nextInt(1 << 30)).append(" B exp.) in ").append(goal << 20)
                        .append(" B -> ").append((goal << 20) + rnd.nextInt(1 << 20)).append(" B (\u2206goal ")
                        .append(rnd.nextInt(2_000_000) - 1_000_000).append(", cons/mark +").append(rnd.nextInt(9))
                        .append(".123456e-001)\n");
                sb.append("scav ").append(rnd.nextInt(8192)).append(" KiB work, ").append(100_000 + rnd.nextInt(100_000))
                        .append(" KiB total, ").append(rnd.nextInt(100)).append("% util\n");
                if (n % 10 == 0) {
                    sb.append("SCHED ").append(ms).append("ms: gomaxprocs=8 idleprocs=").append(rnd.nextInt(8))
                            .append(" threads=").append(12 + rnd.nextInt(4)).append(" spinningthreads=").append(rnd.nextInt(2))
                            .append(" idlethreads=").append(rnd.nextInt(5)).append(" runqueue=").append(rnd.nextInt(4)).append(" [");
                    for (int p = 0; p < 8; p++) {
                        sb.append(p == 0 ? "" : " ").append(rnd.nextInt(3));
                    }
                    sb.append("]\n");
                    sb.append("2024/05/01 12:00:00 handled request ").append(n).append(" in ").append(rnd.nextInt(900)).append("ms\n");
                }
                if (sb.length() > 60_000) {
                    byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
                    out.write(b);
                    written += b.length;
                    sb.setLength(0);
                }
            }
            byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
            out.write(b);
        }
    }
}
