package dev.execray.cli;

import dev.execray.exec.BinfmtCheck;
import dev.execray.place.Target;
import dev.execray.report.BinfmtReport;
import dev.execray.report.JsonDocument;
import dev.execray.report.Style;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "match", mixinStandardHelpOptions = true,
        description = "Which entry the kernel would choose for FILE, and what the interpreter would receive.")
final class BinfmtMatchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    TargetOptions targetOptions;
    @Parameters(paramLabel = "FILE")
    String file;
    @Option(names = "--json")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Target> t = targetOptions.resolve(err);
        if (t.isEmpty()) {
            return ExitCode.USAGE;
        }
        BinfmtCheck check = BinfmtCheck.of(t.get(), file);
        if (check instanceof BinfmtCheck.NotFound nf) {
            err.println("execray: " + BinfmtReport.notFound(file, nf.failure()));
            return ExitCode.BAD_INPUT;
        }
        if (check instanceof BinfmtCheck.Unreadable u) {
            err.println("execray: " + file + ": " + u.error().detail());
            return ExitCode.BAD_INPUT;
        }
        BinfmtCheck.Matched m = (BinfmtCheck.Matched) check;
        out.print(json ? JsonDocument.BINFMT_MATCH.write(BinfmtReport.matchJson(file, m.match(), m.exec()))
                : BinfmtReport.matchText(file, m.match(), t.get().binfmt(), m.exec(), Style.detect()));
        out.flush();
        return m.runs() ? ExitCode.OK : ExitCode.FINDING;
    }
}
