package dev.execray.cli;

import dev.execray.place.QemuBinfmt;
import dev.execray.place.TargetException;
import dev.execray.report.BinfmtReport;
import dev.execray.report.JsonDocument;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "gen", mixinStandardHelpOptions = true,
        description = "The registration qemu-user-static makes for ARCH (or for every architecture with 'all', or "
                + "all but the host's family with --host).")
final class BinfmtGenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "ARCH", description = "aarch64, arm64, riscv64, ... or all", defaultValue = "all")
    String arch;
    @Option(names = "--style", description = "debian (default: /usr/libexec/qemu-binfmt/ARCH-binfmt-P, OPF) or "
            + "upstream (qemu-binfmt-conf.sh: /usr/local/bin/qemu-ARCH)")
    String style = "debian";
    @Option(names = "--format", description = "register (default: a registration line, as in binfmt.d) or binfmts "
            + "(binfmt-support's format file)")
    String format = "register";
    @Option(names = "--host", paramLabel = "ARCH", description = "Leave out the host's own family, as the packages do.")
    String host;
    @Option(names = "--json")
    boolean json;

    @Override
    public Integer call() {
        List<QemuBinfmt.QemuTarget> targets;
        try {
            targets = QemuBinfmt.select(arch, Optional.ofNullable(host));
        } catch (TargetException e) {
            spec.commandLine().getErr().println("execray: " + e.getMessage());
            return ExitCode.USAGE;
        }
        QemuBinfmt.Style st = QemuBinfmt.Style.named(style);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? JsonDocument.BINFMT_QEMU.write("registrations", BinfmtReport.qemuJson(targets, st))
                : BinfmtReport.qemuText(targets, st, format.equals("binfmts")));
        out.flush();
        return ExitCode.OK;
    }
}
