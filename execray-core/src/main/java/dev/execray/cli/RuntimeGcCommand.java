package dev.execray.cli;

import dev.execray.report.JsonDocument;
import dev.execray.report.GcChartSvg;
import dev.execray.report.GcReportText;
import dev.execray.report.RuntimeJson;
import dev.execray.runtime.trace.GcAnalysis;
import dev.execray.runtime.trace.GcReport;
import dev.execray.runtime.trace.ReadSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
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

    @Parameters(index = "0", paramLabel = "LOG", description = "the program's stderr, or - for standard input")
    String log;

    @Option(names = "--json", description = "print the report as JSON")
    boolean json;

    @Option(names = "--svg", paramLabel = "FILE", description = "also draw heap over time and pauses into FILE (SVG)")
    Optional<Path> svg;

    @Override
    public Integer call() {
        GcAnalysis gc = new GcAnalysis();
        ReadSummary read;
        try {
            read = RuntimeLogs.read(log, gc);
        } catch (IOException e) {
            spec.commandLine().getErr().println("execray: " + dev.execray.report.InputError.of(log.toString(), e).text());
            return ExitCode.BAD_INPUT;
        }
        GcReport report = gc.report(read);
        if (svg.isPresent()) {
            try {
                Files.writeString(svg.get(), GcChartSvg.render(log, report), StandardCharsets.UTF_8);
            } catch (IOException e) {
                spec.commandLine().getErr().println("execray: " + svg.get() + ": " + e.getMessage());
                return ExitCode.BAD_INPUT;
            }
        }
        if (json) {
            RuntimeJson.print(spec.commandLine().getOut(), JsonDocument.RUNTIME_GC, report);
        } else {
            spec.commandLine().getOut().print(GcReportText.render(log, report));
            spec.commandLine().getOut().flush();
        }
        return RuntimeLogs.exitCode(report.findings());
    }
}
