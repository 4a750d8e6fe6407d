package dev.execray.bench;

import dev.execray.exec.ExecResult;
import dev.execray.place.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code execray bench} run: plans the launches (a program by the launch paths asked for, or the commands of
 * --compare), leaves out those that would not start (execray's own verdict) or cannot be built, measures the
 * timer's floor, times each launch with its plan, takes start-up apart when asked, and returns the report.
 * This is where execray runs programs (bench's job, and only bench's).
 */
public final class BenchSession {
    /**
     * What to run: {@code command} (FILE ARG...) or {@code compare} (shell-like commands), the launch paths for
     * FILE, how many runs, whether to take start-up apart, a shell command after each command's runs.
     */
    public record Request(List<String> command, List<String> compare, List<LaunchPath> paths, RunPlan plan,
            boolean breakdown, Optional<String> cleanup, boolean processBuilderTimer) {
        public Request {
            command = List.copyOf(command);
            compare = List.copyOf(compare);
            paths = List.copyOf(paths);
        }
    }

    private record Planned(Launch launch, Optional<ExecResult> verdict, Optional<Path> program) {
    }

    private BenchSession() {
    }

    /** Runs {@code r} on {@code host}; {@code err} gets the lines about a --cleanup that failed. */
    public static BenchReport run(Request request, Target host, PrintWriter err) throws IOException, InterruptedException {
        TimerHelper.Choice choice = TimerHelper.choose(request.processBuilderTimer());
        Bench bench = new Bench(choice.timer(), host);
        RunPlan plan = request.plan();
        List<String> command = request.command();
        List<String> compare = request.compare();
        List<LaunchPath> wanted = request.paths().isEmpty() ? List.of(LaunchPath.DIRECT) : request.paths();
        boolean breakdown = request.breakdown();
        Optional<String> cleanup = request.cleanup();
        String envPath = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        // in the order given: an outcome known before running, or null where a planned command's result goes
        List<Outcome> outcomes = new ArrayList<>();
        List<Planned> planned = new ArrayList<>();
        List<Outcome> skipped = new ArrayList<>(); // listed after the timed paths
        Path tmp = Files.createTempDirectory("execray-bench");
        try {
            if (!command.isEmpty()) {
                String file = command.get(0);
                List<String> args = command.subList(1, command.size());
                ExecResult verdict = bench.explain(file, command);
                Optional<Path> resolved = file.contains("/") ? Optional.of(Path.of(file).toAbsolutePath())
                        : LaunchPaths.lookup(file, envPath);
                if (verdict.verdict() instanceof dev.execray.exec.verdict.Verdict.Fails) {
                    outcomes.add(new Outcome.NotStarted(file, verdict));
                } else if (resolved.isEmpty()) {
                    outcomes.add(new Outcome.Skipped(file, "not found as an executable file in PATH"));
                } else {
                    for (LaunchPath p : wanted) {
                        LaunchPaths.Built b = LaunchPaths.build(p, file, resolved.get(), args, envPath, tmp, host.binfmt());
                        if (b instanceof LaunchPaths.Ready r) {
                            outcomes.add(null);
                            planned.add(new Planned(r.launch(), Optional.of(verdict), resolved));
                        } else {
                            LaunchPaths.Unavailable u = (LaunchPaths.Unavailable) b;
                            skipped.add(new Outcome.Skipped(p.flag(), u.why()));
                        }
                    }
                }
            } else {
                for (String c : compare) {
                    Optional<List<String>> words = Shell.words(c);
                    if (words.isEmpty()) {
                        outcomes.add(null);
                        planned.add(new Planned(new Launch(c, LaunchPath.SH, "/bin/sh", List.of("sh", "-c", c), false,
                                Map.of(), "/bin/sh -c (the command uses shell syntax)"), Optional.empty(), Optional.empty()));
                        continue;
                    }
                    List<String> w = words.get();
                    String file = w.get(0);
                    ExecResult verdict = bench.explain(file, w);
                    Optional<Path> resolved = file.contains("/") ? Optional.of(Path.of(file).toAbsolutePath())
                            : LaunchPaths.lookup(file, envPath);
                    if (verdict.verdict() instanceof dev.execray.exec.verdict.Verdict.Fails) {
                        outcomes.add(new Outcome.NotStarted(c, verdict));
                        continue;
                    }
                    if (resolved.isEmpty()) {
                        outcomes.add(new Outcome.Skipped(c, "not found as an executable file in PATH"));
                        continue;
                    }
                    outcomes.add(null);
                    planned.add(new Planned(new Launch(c, LaunchPath.DIRECT, resolved.get().toString(), w, false, Map.of(),
                            "execve(\"" + resolved.get() + "\")"), Optional.of(verdict), resolved));
                }
            }
            Optional<Summary> floor = Optional.empty();
            Optional<Summary> pbFloor = Optional.empty();
            if (!planned.isEmpty()) {
                floor = bench.overhead(20);
                if (choice.timer() instanceof XrTimer) {
                    pbFloor = Bench.floor(new ProcessBuilderTimer(), 20);
                }
            }
            List<BenchReport.Parts> parts = new ArrayList<>();
            double tsc = breakdown && choice.timer() instanceof XrTimer x ? Machine.tscHz(x) : 0;
            int slot = 0;
            for (Planned p : planned) {
                Outcome o = bench.time(p.launch(), plan, p.verdict());
                while (outcomes.get(slot) != null) {
                    slot++;
                }
                outcomes.set(slot, o);
                if (cleanup.isPresent()) {
                    int rc = new ProcessBuilder("/bin/sh", "-c", cleanup.get()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .redirectError(ProcessBuilder.Redirect.INHERIT).start().waitFor();
                    if (rc != 0) {
                        err.println("execray bench: --cleanup failed with status " + rc + " after " + p.launch().label());
                    }
                }
                if (breakdown && o instanceof Outcome.Timed && p.program().isPresent()
                        && (p.launch().path() == LaunchPath.DIRECT || !compare.isEmpty())) {
                    parts.add(parts(bench, host, p, tsc));
                }
            }
            outcomes.addAll(skipped);
            BenchReport report = new BenchReport(choice.timer().method(), choice.fallbackReason(), floor, pbFloor,
                    outcomes, parts, Machine.facts());
            return report;
        } finally {
            try (var s = Files.walk(tmp)) {
                for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(x);
                }
            }
        }
    }


    private static BenchReport.Parts parts(Bench bench, Target host, Planned p, double tsc)
            throws IOException, InterruptedException {
        Path program = p.program().orElseThrow();
        Optional<List<String>> libs = StaticView.libraries(host, program);
        List<String> notes = new ArrayList<>();
        Optional<Breakdown.LoaderStats> ld = Optional.empty();
        if (libs.isPresent()) {
            ld = bench.loaderStats(p.launch(), 5, tsc);
            if (ld.isEmpty()) {
                notes.add("dynamic loader: no LD_DEBUG=statistics output (not glibc's loader, or a secure exec)");
            } else if (tsc <= 0) {
                notes.add("dynamic loader time is in the loader's own clock units (no TSC rate known here)");
            }
        } else {
            notes.add("statically linked or not an ELF program: no dynamic loader at start-up");
        }
        Optional<Breakdown.GoInitStats> go = Optional.empty();
        if (StaticView.isGo(program)) {
            go = bench.goInit(p.launch());
            if (go.isEmpty()) {
                notes.add("Go program, but GODEBUG=inittrace=1 printed nothing (Go before 1.16?)");
            }
        }
        Optional<Breakdown.KernelExec> kernel = p.launch().path() == LaunchPath.DIRECT
                ? bench.kernelExec(p.launch(), 5) : Optional.empty();
        if (kernel.isEmpty()) {
            notes.add(p.launch().path() == LaunchPath.DIRECT
                    ? "kernel exec: not measured (strace missing or not allowed to trace)"
                    : "kernel exec: measured for the direct launch path only");
        }
        Optional<Breakdown.LibcStartup> libc = Optional.empty();
        if (libs.isPresent()) {
            libc = bench.libcStartup(p.launch(), 5, ld, tsc);
            if (libc.isEmpty()) {
                notes.add("C library start-up: not measured (the loader ran no LD_AUDIT module: not glibc, a secure"
                        + " exec, or no C compiler to build it)");
            }
        } else {
            notes.add("C library start-up: not measured for a static program (no dynamic loader to report to an"
                    + " audit module)");
        }
        return new BenchReport.Parts(p.launch().label(), kernel, ld, libc, go, libs, notes);
    }
}
