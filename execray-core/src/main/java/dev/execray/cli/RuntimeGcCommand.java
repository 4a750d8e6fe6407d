package dev.execray.cli;

import dev.execray.report.JsonDocument;
import dev.execray.report.GcChartSvg;
import dev.execray.report.GcReportText;
import dev.execray.report.RuntimeJson;
import dev.execray.runtime.trace.GcAnalysis;
import dev.execray.runtime.trace.GcReport;
import dev.execray.runtime.trace.ReadSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "gc", mixinStandardHelpOptions = true,
        description = {"Summarise a GODEBUG=gctrace=1 log: pauses, GC CPU, heap against its goal.",
            "GC count, stop-the-world pause distribution (p50, p95, p99, max), GC CPU over time, heap against its goal, "
            + "forced cycles, scavenger; findings with their reasons. Reads every gctrace format from Go 1.13 to 1.27; "
            + "the program's own output may be mixed in."},
        footer = {"", "Exit codes: 0 no warning, 1 a warning, 3 the log could not be read."})
final class RuntimeGcCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TraceLogOptions input;

    @Option(names = "--svg", paramLabel = "FILE", description = "also draw heap over time and pauses into FILE (SVG)")
    Optional<Path> svg;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        GcAnalysis gc = new GcAnalysis();
        Optional<ReadSummary> read = input.read(gc, err);
        if (read.isEmpty()) {
            return ExitCode.BAD_INPUT;
        }
        GcReport report = gc.report(read.get());
        if (svg.isPresent()) {
            try {
                GcChartSvg.write(svg.get(), input.log, report);
            } catch (IOException e) {
                err.println("execray: " + svg.get() + ": " + e.getMessage());
                return ExitCode.BAD_INPUT;
            }
        }
        if (input.json) {
            RuntimeJson.print(spec.commandLine().getOut(), JsonDocument.RUNTIME_GC, report);
        } else {
            spec.commandLine().getOut().print(GcReportText.render(input.log, report));
            spec.commandLine().getOut().flush();
        }
        return RuntimeLogs.exitCode(report.findings());
    }
}
