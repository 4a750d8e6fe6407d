package dev.execray.cli;

import dev.execray.report.JsonDocument;
import dev.execray.report.RuntimeJson;
import dev.execray.report.SchedReportText;
import dev.execray.runtime.trace.ReadSummary;
import dev.execray.runtime.trace.SchedAnalysis;
import dev.execray.runtime.trace.SchedReport;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "sched", mixinStandardHelpOptions = true,
        description = {"Summarise a GODEBUG=schedtrace=N log: run queues, idle Ps, threads.",
            "Run-queue lengths per P and global over time (with or without scheddetail=1), idle Ps, spinning and total "
            + "threads; findings such as a growing global run queue or idle Ps while work waits, each with its "
            + "threshold and reason."},
        footer = {"", "Exit codes: 0 no warning, 1 a warning, 3 the log could not be read."})
final class RuntimeSchedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "LOG", description = "the program's stderr, or - for standard input")
    String log;

    @Option(names = "--json", description = "print the report as JSON")
    boolean json;

    @Override
    public Integer call() {
        SchedAnalysis sched = new SchedAnalysis();
        ReadSummary read;
        try {
            read = RuntimeLogs.read(log, sched);
        } catch (IOException e) {
            spec.commandLine().getErr().println("execray: " + dev.execray.report.InputError.of(log.toString(), e).text());
            return ExitCode.BAD_INPUT;
        }
        SchedReport report = sched.report(read);
        if (json) {
            RuntimeJson.print(spec.commandLine().getOut(), JsonDocument.RUNTIME_SCHED, report);
        } else {
            spec.commandLine().getOut().print(SchedReportText.render(log, report));
            spec.commandLine().getOut().flush();
        }
        return RuntimeLogs.exitCode(report.findings());
    }
}
