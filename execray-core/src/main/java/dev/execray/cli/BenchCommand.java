package dev.execray.cli;

import dev.execray.bench.BenchRender;
import dev.execray.bench.BenchReport;
import dev.execray.bench.BenchSession;
import dev.execray.bench.LaunchPath;
import dev.execray.bench.RunPlan;
import dev.execray.place.Target;
import dev.execray.place.TargetException;
import dev.execray.place.TargetSpec;
import dev.execray.report.Style;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunPlan plan;
        List<LaunchPath> wanted;
        try {
            if (command.isEmpty() == compare.isEmpty()) {
                throw new IllegalArgumentException("give either FILE [ARG...] or --compare CMD...");
            }
            if (!timerKind.equals("auto") && !timerKind.equals("processbuilder")) {
                throw new IllegalArgumentException("--timer is auto or processbuilder");
            }
            plan = RunPlan.of(Optional.ofNullable(runs), minRuns, maxRuns, budget, warmup, Optional.ofNullable(timeout),
                    Optional.ofNullable(prepare));
            wanted = paths.stream().map(LaunchPath::parse).toList();
            if (!wanted.isEmpty() && !compare.isEmpty()) {
                throw new IllegalArgumentException("--paths applies to FILE, not to --compare");
            }
        } catch (IllegalArgumentException e) {
            err.println("execray bench: " + e.getMessage());
            return ExitCode.USAGE;
        }
        Target host;
        try {
            host = TargetSpec.host().resolve();
        } catch (TargetException e) {
            err.println("execray bench: " + e.getMessage());
            return ExitCode.INTERNAL;
        }
        BenchReport report = BenchSession.run(new BenchSession.Request(command, compare, wanted, plan, breakdown,
                Optional.ofNullable(cleanup), timerKind.equals("processbuilder")), host, err);
        // the runs are done: print them even when an export cannot be written, then say so
        int code = report.anyFailure() ? ExitCode.FINDING : ExitCode.OK;
        try {
            BenchRender.export(report, Optional.ofNullable(exportJson), Optional.ofNullable(exportMarkdown),
                    Optional.ofNullable(exportSvg), Optional.ofNullable(exportCsv), Optional.ofNullable(exportHtml));
        } catch (IOException e) {
            err.println("execray bench: cannot write an export: " + e);
            code = ExitCode.BAD_INPUT;
        }
        out.print(json ? BenchRender.jsonText(report) : BenchRender.text(report, Style.detect().color()));
        out.flush();
        return code;
    }
}
