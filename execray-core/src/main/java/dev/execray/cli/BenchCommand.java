package dev.execray.cli;

import dev.execray.bench.Bench;
import dev.execray.bench.BenchRender;
import dev.execray.bench.BenchReport;
import dev.execray.bench.Breakdown;
import dev.execray.bench.Launch;
import dev.execray.bench.LaunchPath;
import dev.execray.bench.LaunchPaths;
import dev.execray.bench.Machine;
import dev.execray.bench.Outcome;
import dev.execray.bench.ProcessBuilderTimer;
import dev.execray.bench.RunPlan;
import dev.execray.bench.Shell;
import dev.execray.bench.StaticView;
import dev.execray.bench.Summary;
import dev.execray.bench.TimerHelper;
import dev.execray.bench.XrTimer;
import dev.execray.exec.ExecResult;
import dev.execray.place.Target;
import dev.execray.place.TargetException;
import dev.execray.place.TargetSpec;
import dev.execray.report.Style;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"RUNS programs and measures how long they take to start and finish: min, median, mean ± σ, "
                + "p95, max, outliers, bimodality and drift, ratios with bootstrap intervals; by launch path "
                + "(--paths) and with the time taken apart (--breakdown).",
            "This command EXECUTES what you name; besides runtime capture, no other execray command does. Before "
                + "running a program it asks the exec simulator: one that would not start is reported with explain's "
                + "verdict and not run. Each sample is timed around posix_spawn and wait4 by a small C helper "
                + "(compiled once with cc into ~/.cache/execray), not around a JVM launch.",
            "Examples: execray bench /bin/true    execray bench --paths direct,sh,env,shebang ./app --version",
            "          execray bench --compare './app-static' './app-dynamic' --export-json out.json"},
        footer = {"", "Exit codes: 0 all timed, 1 a program would not start, timed out or failed to start, 2 usage."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE [ARG...]", description = "The program (a name without / is looked up in PATH) and its arguments.")
    List<String> command = new ArrayList<>();

    @Option(names = "--compare", arity = "1..*", paramLabel = "CMD",
            description = "Commands to compare, each one string; split into words like sh does, or run with /bin/sh -c "
                    + "when it uses shell syntax.")
    List<String> compare = new ArrayList<>();

    @Option(names = "--paths", split = ",", paramLabel = "PATHS",
            description = "Launch paths for FILE: direct, path, sh, env, shebang, binfmt (default: direct).")
    List<String> paths = new ArrayList<>();

    @Option(names = {"-r", "--runs"}, paramLabel = "N", description = "Exactly N timed runs (default: by --time-budget).")
    Integer runs;

    @Option(names = "--min-runs", paramLabel = "N", defaultValue = "10", description = "At least N runs (default: ${DEFAULT-VALUE}).")
    int minRuns;

    @Option(names = "--max-runs", paramLabel = "N", defaultValue = "100000", description = "At most N runs (default: ${DEFAULT-VALUE}).")
    int maxRuns;

    @Option(names = "--time-budget", paramLabel = "SECONDS", defaultValue = "3",
            description = "Keep running until the timed runs took this long (default: ${DEFAULT-VALUE}).")
    double budget;

    @Option(names = {"-w", "--warmup"}, paramLabel = "N", defaultValue = "3", description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = {"-p", "--prepare"}, paramLabel = "CMD", description = "Shell command run before every run, untimed.")
    String prepare;

    @Option(names = {"-c", "--cleanup"}, paramLabel = "CMD", description = "Shell command run after all runs of each command.")
    String cleanup;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Kill a run's whole process group after this long.")
    Double timeout;

    @Option(names = "--breakdown", description = "Take start-up apart: glibc's LD_DEBUG=statistics, Go's GODEBUG=inittrace=1 "
            + "(extra runs), beside execray ldd's static view.")
    boolean breakdown;

    @Option(names = "--timer", paramLabel = "KIND", defaultValue = "auto",
            description = "auto (xrtime when a C compiler exists) or processbuilder (default: ${DEFAULT-VALUE}).")
    String timerKind;

    @Option(names = "--export-json", paramLabel = "FILE", description = "hyperfine's JSON schema plus execray's fields.")
    Path exportJson;

    @Option(names = "--export-markdown", paramLabel = "FILE", description = "A Markdown table like hyperfine's.")
    Path exportMarkdown;

    @Option(names = "--export-csv", paramLabel = "FILE", description = "hyperfine's CSV columns plus p95.")
    Path exportCsv;

    @Option(names = "--export-svg", paramLabel = "FILE", description = "A histogram per command on one time axis (SVG).")
    Path exportSvg;

    @Option(names = "--export-html", paramLabel = "FILE", description = "One self-contained HTML page: the results, "
            + "the histogram and the JSON.")
    Path exportHtml;

    @Option(names = "--json", description = "Print the JSON export instead of text.")
    boolean json;

    private record Planned(Launch launch, Optional<ExecResult> verdict, Optional<Path> program) {
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (command.isEmpty() == compare.isEmpty()) {
            err.println("execray bench: give either FILE [ARG...] or --compare CMD...");
            return ExitCode.USAGE;
        }
        if (!timerKind.equals("auto") && !timerKind.equals("processbuilder")) {
            err.println("execray bench: --timer is auto or processbuilder");
            return ExitCode.USAGE;
        }
        if ((runs != null && runs < 1) || minRuns < 1 || maxRuns < minRuns || warmup < 0 || budget < 0
                || (timeout != null && timeout <= 0)) {
            err.println("execray bench: runs must be at least 1, --max-runs at least --min-runs, times positive");
            return ExitCode.USAGE;
        }
        List<LaunchPath> wanted = new ArrayList<>();
        try {
            for (String p : paths) {
                wanted.add(LaunchPath.parse(p));
            }
        } catch (IllegalArgumentException e) {
            err.println("execray bench: " + e.getMessage());
            return ExitCode.USAGE;
        }
        if (!wanted.isEmpty() && !compare.isEmpty()) {
            err.println("execray bench: --paths applies to FILE, not to --compare");
            return ExitCode.USAGE;
        }
        if (wanted.isEmpty()) {
            wanted.add(LaunchPath.DIRECT);
        }
        Target host;
        try {
            host = TargetSpec.host().resolve();
        } catch (TargetException e) {
            err.println("execray bench: " + e.getMessage());
            return ExitCode.INTERNAL;
        }
        TimerHelper.Choice choice = TimerHelper.choose(timerKind.equals("processbuilder"));
        Bench bench = new Bench(choice.timer(), host);
        RunPlan plan = runs != null
                ? new RunPlan(warmup, runs, runs, 0, timeoutNanos(), Optional.ofNullable(prepare), Optional.empty())
                : new RunPlan(warmup, minRuns, maxRuns, (long) (budget * 1e9), timeoutNanos(), Optional.ofNullable(prepare),
                        Optional.empty());
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
                if (cleanup != null) {
                    int rc = new ProcessBuilder("/bin/sh", "-c", cleanup).redirectOutput(ProcessBuilder.Redirect.DISCARD)
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
            // the runs are done: print them even when an export cannot be written, then say so
            int code = report.anyFailure() ? ExitCode.FINDING : ExitCode.OK;
            try {
                if (exportJson != null) {
                    Files.writeString(exportJson, BenchRender.jsonText(report));
                }
                if (exportMarkdown != null) {
                    Files.writeString(exportMarkdown, BenchRender.markdown(report));
                }
                if (exportSvg != null) {
                    Files.writeString(exportSvg, dev.execray.bench.HistogramSvg.render(report));
                }
                if (exportCsv != null) {
                    Files.writeString(exportCsv, BenchRender.csv(report));
                }
                if (exportHtml != null) {
                    Files.writeString(exportHtml, dev.execray.bench.BenchHtml.render(report));
                }
            } catch (IOException e) {
                err.println("execray bench: cannot write an export: " + e);
                code = ExitCode.BAD_INPUT;
            }
            out.print(json ? BenchRender.jsonText(report) : BenchRender.text(report, Style.detect().color()));
            out.flush();
            return code;
        } finally {
            try (var s = Files.walk(tmp)) {
                for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(x);
                }
            }
        }
    }

    private long timeoutNanos() {
        return timeout == null ? 0 : (long) (timeout * 1e9);
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
        Optional<Breakdown.KernelExec> kernel = p.launch().path() == dev.execray.bench.LaunchPath.DIRECT
                ? bench.kernelExec(p.launch(), 5) : Optional.empty();
        if (kernel.isEmpty()) {
            notes.add(p.launch().path() == dev.execray.bench.LaunchPath.DIRECT
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
