package dev.execray.cli;

import dev.execray.report.JsonDocument;
import dev.execray.report.GcChartSvg;
import dev.execray.report.GcReportText;
import dev.execray.report.MapsReportText;
import dev.execray.report.RuntimeJson;
import dev.execray.report.SchedReportText;
import dev.execray.runtime.CaptureResult;
import dev.execray.runtime.Finding;
import dev.execray.golang.GodebugCheck;
import dev.execray.runtime.GoProgram;
import dev.execray.runtime.GodebugGate;
import dev.execray.runtime.ProcessCapture;
import dev.execray.runtime.maps.MapsAttribution;
import dev.execray.runtime.maps.MapsParser;
import dev.execray.runtime.maps.MapsReport;
import dev.execray.runtime.maps.MapsSnapshot;
import dev.execray.runtime.trace.GcAnalysis;
import dev.execray.runtime.trace.GcReport;
import dev.execray.runtime.trace.ReadSummary;
import dev.execray.runtime.trace.SchedAnalysis;
import dev.execray.runtime.trace.SchedReport;
import dev.execray.runtime.trace.TraceReader;
import dev.execray.runtime.trace.TraceSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        Optional<Path> exe = GoProgram.resolve(command.get(0));
        GodebugGate.Verdict gate = GodebugGate.check(godebug, exe.flatMap(GoProgram::goVersion));
        String against = (gate.fromProgram() ? "the program's Go " : "Go ") + gate.checkedAgainst().shortName()
                + (gate.fromProgram() ? "" : " (the program's release could not be read)");
        for (GodebugCheck.Entry e : gate.warnings()) {
            err.println("execray: GODEBUG \"" + e.text() + "\": " + e.message());
        }
        if (!gate.ok()) {
            for (GodebugCheck.Entry e : gate.errors()) {
                err.println("execray: GODEBUG \"" + e.text() + "\": " + e.message() + " (checked against " + against + ")");
            }
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
        GcAnalysis gc = new GcAnalysis();
        SchedAnalysis sched = new SchedAnalysis();
        ReadSummary read;
        try (InputStream in = Files.newInputStream(r.stderrLog())) {
            read = TraceReader.read(in, TraceSink.all(gc, sched));
        } catch (IOException e) {
            err.println("execray: " + r.stderrLog() + ": " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        GcReport gcReport = gc.report(read);
        SchedReport schedReport = sched.report(read);
        Optional<MapsReport> maps = Optional.empty();
        if (r.lastSmaps().isPresent()) {
            try (InputStream in = Files.newInputStream(r.lastSmaps().get())) {
                MapsSnapshot snap = MapsParser.parse(r.lastSmaps().get().toString(), in);
                maps = Optional.of(MapsAttribution.attribute(snap, MapsAttribution.host(), RuntimeMapsCommand.pageSize(snap)));
            } catch (IOException e) {
                err.println("execray: " + r.lastSmaps().get() + ": " + e.getMessage());
            }
        }
        if (svg.isPresent()) {
            try {
                Files.writeString(svg.get(), GcChartSvg.render(String.join(" ", command), gcReport), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("execray: " + svg.get() + ": " + e.getMessage());
            }
        }
        List<Finding> all = new ArrayList<>(gcReport.findings());
        all.addAll(schedReport.findings());
        maps.ifPresent(m -> all.addAll(m.findings()));
        boolean failed = r.exitStatus() != 0 || r.timedOut();
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("capture", r);
            doc.put("gc", gcReport);
            doc.put("sched", schedReport);
            doc.put("maps", maps);
            RuntimeJson.print(o, JsonDocument.RUNTIME_CAPTURE, doc);
        } else {
            o.printf("%s %s exited with status %d%s after %.1f s (GODEBUG=%s)%n", failed ? "\u2717" : "\u2713",
                    String.join(" ", command), r.exitStatus(), r.timedOut() ? " (stopped at the time limit)" : "",
                    r.wallMillis() / 1000.0, godebug);
            o.printf("  files      %s, %s%s%n%n", r.stderrLog(), r.stdoutLog(), r.lastSmaps().map(p -> ", " + p
                    + String.format(" (last of %d snapshots, %d ms before exit)", r.smapsSnapshots(), r.smapsAgeMillis())).orElse(
                            ", no maps snapshot (the program ended before the first one)"));
            o.println(GcReportText.render(r.stderrLog().toString(), gcReport));
            o.println(SchedReportText.render(r.stderrLog().toString(), schedReport));
            maps.ifPresent(m -> o.print(MapsReportText.render(m, false, 15)));
            o.flush();
        }
        return failed ? ExitCode.FINDING : RuntimeLogs.exitCode(all);
    }
}
