package dev.execray.cli;

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
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "The entries of a registry in the order the kernel tries them (default: the live one).")
final class BinfmtListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    TargetOptions targetOptions;
    @Option(names = "--json")
    boolean json;

    @Override
    public Integer call() {
        Optional<Target> t = targetOptions.resolve(spec.commandLine().getErr());
        if (t.isEmpty()) {
            return ExitCode.USAGE;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? JsonDocument.BINFMT_REGISTRY.write(BinfmtReport.registryJson(t.get().binfmt()))
                : BinfmtReport.registry(t.get().binfmt(), Style.detect()));
        out.flush();
        return t.get().binfmt().problems().isEmpty() ? ExitCode.OK : ExitCode.BAD_INPUT;
    }
}
