package dev.execray.cli;

import dev.execray.report.CaptureReportText;
import dev.execray.report.GcChartSvg;
import dev.execray.report.GodebugRenderer;
import dev.execray.report.JsonDocument;
import dev.execray.report.RuntimeJson;
import dev.execray.runtime.CaptureReport;
import dev.execray.runtime.CaptureResult;
import dev.execray.runtime.GoProgram;
import dev.execray.runtime.GodebugGate;
import dev.execray.runtime.ProcessCapture;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "capture", mixinStandardHelpOptions = true,
        description = {"RUNS a Go program with checked GODEBUG traces and reports on them at its exit.",
            "This command, like bench, executes what you name; nothing else in execray does. The GODEBUG setting is "
            + "checked against the program's own Go release (read from its build info); its stderr (the runtime's "
            + "traces) and stdout are recorded to files, its /proc/PID/smaps sampled while it runs (the last snapshot "
            + "before exit is kept); then the gc, sched and maps reports are printed. "
            + "Example: execray runtime capture -- ./server --port 8080"},
        footer = {"", "Exit codes: 0 no warning, 1 a warning or the program failed, 2 a bad GODEBUG or command line,",
            "            3 the program could not be started."})
final class RuntimeCaptureCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--godebug", paramLabel = "SETTINGS",
            description = "GODEBUG for the program (default: ${DEFAULT-VALUE})", defaultValue = "gctrace=1,schedtrace=1000")
    String godebug;

    @Option(names = "--out", paramLabel = "DIR", description = "where to keep stderr.log, stdout.log, smaps-last.txt (default: a new temporary directory)")
    Optional<Path> out;

    @Option(names = "--interval", paramLabel = "MS", defaultValue = "200",
            description = "how often to read /proc/PID/smaps while the program runs (default: ${DEFAULT-VALUE} ms)")
    long interval;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "0", description = "stop the program after SECONDS (0: no limit)")
    double timeout;

    @Option(names = "--svg", paramLabel = "FILE", description = "also draw the GC chart into FILE (SVG)")
    Optional<Path> svg;

    @Option(names = "--json", description = "print the reports as JSON")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "CMD", description = "the program and its arguments, after --")
    List<String> command;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        GodebugGate.Verdict gate = GodebugGate.check(godebug, GoProgram.resolve(command.get(0)).flatMap(GoProgram::goVersion));
        GodebugRenderer.gate(gate).forEach(l -> err.println("execray: " + l));
        if (!gate.ok()) {
            return ExitCode.USAGE;
        }
        CaptureResult r;
        try {
            Path dir = out.isPresent() ? out.get() : Files.createTempDirectory("execray-capture-");
            err.println("execray: running " + String.join(" ", command) + " with GODEBUG=" + godebug + "; recording into " + dir);
            err.flush();
            r = new ProcessCapture(dir, interval, (long) (timeout * 1000)).run(command, godebug);
        } catch (IOException e) {
            err.println("execray: cannot run " + command.get(0) + ": " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        CaptureReport report;
        try {
            report = CaptureReport.of(r);
        } catch (IOException e) {
            err.println("execray: " + r.stderrLog() + ": " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        report.mapsProblem().ifPresent(p -> err.println("execray: " + p));
        if (svg.isPresent()) {
            try {
                GcChartSvg.write(svg.get(), String.join(" ", command), report.gc());
            } catch (IOException e) {
                err.println("execray: " + svg.get() + ": " + e.getMessage());
            }
        }
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            RuntimeJson.print(o, JsonDocument.RUNTIME_CAPTURE, CaptureReportText.json(report));
        } else {
            o.print(CaptureReportText.render(report));
            o.flush();
        }
        return report.failed() ? ExitCode.FINDING : RuntimeLogs.exitCode(report.findings());
    }
}
