package dev.execray.cli;

import dev.execray.report.JsonDocument;
import dev.execray.report.RuntimeJson;
import dev.execray.report.SchedReportText;
import dev.execray.runtime.trace.ReadSummary;
import dev.execray.runtime.trace.SchedAnalysis;
import dev.execray.runtime.trace.SchedReport;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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

    @Mixin
    TraceLogOptions input;

    @Override
    public Integer call() {
        SchedAnalysis sched = new SchedAnalysis();
        Optional<ReadSummary> read = input.read(sched, spec.commandLine().getErr());
        if (read.isEmpty()) {
            return ExitCode.BAD_INPUT;
        }
        SchedReport report = sched.report(read.get());
        if (input.json) {
            RuntimeJson.print(spec.commandLine().getOut(), JsonDocument.RUNTIME_SCHED, report);
        } else {
            spec.commandLine().getOut().print(SchedReportText.render(input.log, report));
            spec.commandLine().getOut().flush();
        }
        return RuntimeLogs.exitCode(report.findings());
    }
}
