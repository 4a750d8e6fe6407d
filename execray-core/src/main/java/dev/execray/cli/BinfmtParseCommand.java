package dev.execray.cli;

import dev.execray.exec.kernel.BinfmtRegistrationOpen;
import dev.execray.place.BinfmtRegistration;
import dev.execray.place.KernelVersion;
import dev.execray.report.BinfmtReport;
import dev.execray.report.JsonDocument;
import dev.execray.rootfs.RootFs;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "parse", mixinStandardHelpOptions = true,
        description = "Check registration strings as the kernel would (the errno a write to register returns) and "
                + "print each back.")
final class BinfmtParseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "STRING", arity = "1..*")
    List<String> strings;
    @Option(names = "--kernel", paramLabel = "VERSION",
            description = "Kernel version whose rules apply (default " + KernelVersion.ASSUMED_NAME + ").")
    String kernel = KernelVersion.ASSUMED_NAME;
    @Option(names = "--json")
    boolean json;

    @Override
    public Integer call() {
        KernelVersion k = KernelVersion.parse(kernel).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "--kernel: '" + kernel + "' is not a kernel version (e.g. " + KernelVersion.ASSUMED_NAME + ")"));
        List<BinfmtRegistration.Result> results = BinfmtRegistrationOpen.checkAll(strings, k, RootFs.host());
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? JsonDocument.BINFMT_PARSE.write("registrations", BinfmtReport.registrationsJson(strings, results))
                : BinfmtReport.registrationsText(strings, results));
        out.flush();
        return results.stream().anyMatch(r -> r instanceof BinfmtRegistration.Rejected) ? ExitCode.BAD_INPUT : ExitCode.OK;
    }
}
