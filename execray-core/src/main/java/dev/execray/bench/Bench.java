package dev.execray.bench;

import dev.execray.exec.ExecResult;
import dev.execray.exec.Explain;
import dev.execray.place.Target;
import dev.execray.rootfs.Errno;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The bench service: asks the simulator first, then times each command with the chosen timer, then summarises.
 * This is the one place in execray that executes the programs it is given.
 */
public final class Bench {
    private final Timer timer;
    private final Target host;

    public Bench(Timer timer, Target host) {
        this.timer = timer;
        this.host = host;
    }

    public Timer timer() {
        return timer;
    }

    /** The simulated exec of argv on this machine, as explain gives it. */
    public ExecResult explain(String file, List<String> argv) {
        return Explain.typed(host, argv, Optional.empty(), Optional.empty());
    }

    /** Times one launch; a program the simulator refuses is reported with its verdict instead. */
    public Outcome time(Launch launch, RunPlan plan, Optional<ExecResult> verdict) throws IOException, InterruptedException {
        // only a certain failure stops the run; a "depends" verdict is settled by running it
        if (verdict.isPresent() && verdict.get().verdict() instanceof dev.execray.exec.verdict.Verdict.Fails) {
            return new Outcome.NotStarted(launch.label(), verdict.get());
        }
        Measurement m = timer.measure(launch, plan);
        if (m.timedOutAfterNanos().isPresent()) {
            return new Outcome.Stopped(launch, m, "killed after the timeout of " + Units.time(plan.timeoutNanos() / 1e9)
                    + " (its whole process group" + (m.strays() > 0 ? ", " + m.strays() + " processes" : "") + ")");
        }
        if (m.spawnError().isPresent()) {
            int e = m.spawnError().get();
            return new Outcome.Stopped(launch, m, "could not be started: " + errnoText(e));
        }
        if (m.prepareFailed().isPresent()) {
            return new Outcome.Stopped(launch, m, "--prepare command failed with status " + m.prepareFailed().get());
        }
        if (m.runs().isEmpty()) {
            return new Outcome.Stopped(launch, m, "no runs");
        }
        List<Warning> w = new ArrayList<>(Diagnostics.check(m.seconds()));
        long bad = m.runs().stream().filter(r -> !r.ok()).count();
        if (bad > 0) {
            Run first = m.runs().stream().filter(r -> !r.ok()).findFirst().orElseThrow();
            w.add(new Warning(Warning.Kind.NON_ZERO_EXIT, String.format("%d of %d runs ended with %s %d.", bad,
                    m.runs().size(), first.signaled() ? "signal" : "exit status", first.status())));
        }
        if (verdict.isPresent() && verdict.get().verdict() instanceof dev.execray.exec.verdict.Verdict.Depends d) {
            w.add(new Warning(Warning.Kind.UNDECIDED, "execray explain could not decide whether this starts ("
                    + d.why() + "); here it " + (m.runs().stream().anyMatch(Run::ok) ? "ran." : "ran, and failed.")));
        }
        if (m.strays() > 0) {
            w.add(new Warning(Warning.Kind.OUTLIERS, m.strays() + " processes the command left behind were killed."));
        }
        return new Outcome.Timed(launch, m, Summary.of(m.seconds()), w);
    }

    static String errnoText(int e) {
        for (Errno x : Errno.values()) {
            if (x.number() == e) {
                return x.name() + " (" + x.strerror() + ")";
            }
        }
        return "errno " + e;
    }

    /** The harness's own floor: /bin/true timed by the chosen timer. */
    public Optional<Summary> overhead(int runs) throws IOException, InterruptedException {
        return floor(timer, runs);
    }

    public static Optional<Summary> floor(Timer t, int runs) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/bin/true"))) {
            return Optional.empty();
        }
        Launch l = new Launch("/bin/true", LaunchPath.DIRECT, "/bin/true", List.of("/bin/true"), false, Map.of(),
                "execve(\"/bin/true\")");
        Measurement m = t.measure(l, new RunPlan(3, runs, runs, 0, 10_000_000_000L, Optional.empty(), Optional.empty()));
        return m.complete() ? Optional.of(Summary.of(m.seconds())) : Optional.empty();
    }

    /** LD_DEBUG=statistics over {@code runs} runs: the run with the median start-up time. */
    public Optional<Breakdown.LoaderStats> loaderStats(Launch launch, int runs, double tscHz)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("execray-ld");
        try {
            Launch l = launch.withEnv(Map.of("LD_DEBUG", "statistics", "LD_DEBUG_OUTPUT", dir.resolve("ld").toString()));
            Measurement m = timer.measure(l, new RunPlan(0, runs, runs, 0, 60_000_000_000L, Optional.empty(),
                    Optional.empty()));
            if (!m.complete()) {
                return Optional.empty();
            }
            List<Breakdown.LoaderStats> all = new ArrayList<>();
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    Breakdown.parseLdDebug(Bounded.read(p, 1 << 20)).ifPresent(all::add);
                }
            }
            if (all.isEmpty()) {
                return Optional.empty();
            }
            all.sort(java.util.Comparator.comparingLong(Breakdown.LoaderStats::startupCycles));
            return Optional.of(all.get(all.size() / 2).withRate(tscHz));
        } finally {
            Bounded.deleteTree(dir);
        }
    }

    /**
     * The C library's start-up (see {@link Breakdown.LibcStartup}): {@code runs} runs with execray's audit module
     * in LD_AUDIT, each writing its two time stamps to a file; the median interval less {@code loader}'s relocation
     * time. Empty when no run reported (a static or musl program, a secure exec, or no C compiler for the module).
     */
    public Optional<Breakdown.LibcStartup> libcStartup(Launch launch, int runs, Optional<Breakdown.LoaderStats> loader,
            double tscHz) throws IOException, InterruptedException {
        Path module;
        try {
            module = TimerHelper.auditModule();
        } catch (IOException e) {
            return Optional.empty();
        }
        Path dir = Files.createTempDirectory("execray-libc");
        try {
            Path out = dir.resolve("stamps");
            Launch l = launch.withEnv(Map.of("LD_AUDIT", module.toString(), "XRLIBC_OUT", out.toString()));
            Measurement m = timer.measure(l, new RunPlan(0, runs, runs, 0, 60_000_000_000L, Optional.empty(),
                    Optional.empty()));
            if (!m.complete() || !Files.exists(out)) {
                return Optional.empty();
            }
            String[] clock = {""};
            List<Long> ticks = new ArrayList<>(Breakdown.parseXrlibc(Bounded.read(out, 1 << 20), clock));
            if (ticks.isEmpty()) {
                return Optional.empty();
            }
            ticks.sort(null);
            long median = ticks.get(ticks.size() / 2);
            Optional<Double> seconds = Optional.empty();
            if (clock[0].equals("monotonic-ns")) {
                seconds = Optional.of(median / 1e9);
            } else if (tscHz > 0) {
                seconds = Optional.of(median / tscHz);
            }
            if (seconds.isPresent()) {
                double reloc = loader.map(x -> tscHz > 0 ? x.relocationCycles() / tscHz : 0.0).orElse(0.0);
                seconds = Optional.of(Math.max(0, seconds.get() - reloc));
            }
            return Optional.of(new Breakdown.LibcStartup(median, clock[0], ticks.size(), seconds));
        } finally {
            Bounded.deleteTree(dir);
        }
    }

    /**
     * The kernel's part: {@code runs} runs under {@code strace -f -T -e trace=execve}, the duration of the
     * program's own execve() in each, median. Empty when strace is missing or cannot trace (ptrace refused).
     */
    public Optional<Breakdown.KernelExec> kernelExec(Launch launch, int runs) throws IOException, InterruptedException {
        List<Double> all = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Path out = Files.createTempFile("execray-strace", ".txt");
            try {
                List<String> cmd = new ArrayList<>(List.of("strace", "-f", "-qq", "-T", "-e", "trace=execve", "-o",
                        out.toString(), "--"));
                cmd.add(launch.file());
                cmd.addAll(launch.argv().subList(1, launch.argv().size()));
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.from(
                                new java.io.File("/dev/null")));
                pb.environment().putAll(launch.env());
                Process p;
                try {
                    p = pb.start();
                } catch (IOException e) {
                    return Optional.empty(); // no strace
                }
                if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return Optional.empty();
                }
                Breakdown.parseStraceExecve(Bounded.read(out, 1 << 20)).ifPresent(all::add);
            } finally {
                Files.deleteIfExists(out);
            }
        }
        if (all.isEmpty()) {
            return Optional.empty();
        }
        all.sort(null);
        return Optional.of(new Breakdown.KernelExec(all.get(all.size() / 2), all.size()));
    }

    /** GODEBUG=inittrace=1 over one run. */
    public Optional<Breakdown.GoInitStats> goInit(Launch launch) throws IOException, InterruptedException {
        Path out = Files.createTempFile("execray-inittrace", ".txt");
        try {
            Launch l = launch.withEnv(Map.of("GODEBUG", "inittrace=1"));
            Measurement m = timer.measure(l, new RunPlan(0, 1, 1, 0, 60_000_000_000L, Optional.empty(),
                    Optional.of(out)));
            if (!m.complete()) {
                return Optional.empty();
            }
            return Breakdown.parseInittrace(Bounded.read(out, 4 << 20));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
