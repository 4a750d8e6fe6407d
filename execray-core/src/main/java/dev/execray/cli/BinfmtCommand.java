package dev.execray.cli;

import dev.execray.report.InputError;
import dev.execray.report.JsonDocument;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.execray.exec.kernel.BinfmtMatcher;
import dev.execray.exec.kernel.BinfmtRegistrationOpen;
import dev.execray.exec.ExecRequest;
import dev.execray.exec.ExecResult;
import dev.execray.exec.ExecSimulator;
import dev.execray.report.BinfmtReport;
import dev.execray.report.Json;
import dev.execray.report.Style;
import dev.execray.rootfs.Resolution;
import dev.execray.rootfs.RootFs;
import dev.execray.rootfs.RootFsException;
import dev.execray.place.Arch;
import dev.execray.place.BinfmtRegistration;
import dev.execray.place.KernelVersion;
import dev.execray.place.QemuBinfmt;
import dev.execray.place.Target;
import dev.execray.place.TargetException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "binfmt", mixinStandardHelpOptions = true,
        description = "binfmt_misc: list a registry, find the entry a file matches, check a registration string, "
                + "generate qemu-user-static's registrations.",
        subcommands = {BinfmtCommand.ListCmd.class, BinfmtCommand.MatchCmd.class, BinfmtCommand.ParseCmd.class,
                BinfmtCommand.GenCmd.class})
final class BinfmtCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed: list, match, "
                + "parse or gen");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The entries of a registry in the order the kernel tries them (default: the live one).")
    static final class ListCmd implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        TargetOptions targetOptions;
        @Option(names = "--json")
        boolean json;

        @Override
        public Integer call() {
            Target t;
            try {
                t = targetOptions.resolve();
            } catch (TargetException e) {
                spec.commandLine().getErr().println("execray: " + e.getMessage());
                return ExitCode.USAGE;
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.print(JsonDocument.BINFMT_REGISTRY.write(BinfmtReport.registryJson(t.binfmt())));
            } else {
                out.print(BinfmtReport.registry(t.binfmt(), Style.detect()));
            }
            out.flush();
            return t.binfmt().problems().isEmpty() ? ExitCode.OK : ExitCode.BAD_INPUT;
        }
    }

    @Command(name = "match", mixinStandardHelpOptions = true,
            description = "Which entry the kernel would choose for FILE, and what the interpreter would receive.")
    static final class MatchCmd implements Callable<Integer> {
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
            Target t;
            try {
                t = targetOptions.resolve();
            } catch (TargetException e) {
                err.println("execray: " + e.getMessage());
                return ExitCode.USAGE;
            }
            String cwd = t.defaultWorkingDirectory();
            Resolution r = BinfmtMatcher.resolve(t, file, cwd);
            if (r instanceof Resolution.Failed f) {
                // the one wording of an unreadable input; the resolver's detail only when it adds to the errno
                String detail = f.detail().equals("does not exist") ? "" : " (" + f.detail() + ")";
                err.println("execray: " + InputError.of(file, f.errno()).text() + detail);
                return ExitCode.BAD_INPUT;
            }
            BinfmtMatcher.Match m;
            try {
                m = BinfmtMatcher.forFile(t, file, (Resolution.Found) r);
            } catch (RootFsException e) {
                err.println("execray: " + file + ": " + e.getMessage());
                return ExitCode.BAD_INPUT;
            }
            Optional<ExecResult> full = t.os() == dev.execray.place.Os.LINUX
                    ? Optional.of(new ExecSimulator(t).explain(new ExecRequest(file, List.of(file), cwd)))
                    : Optional.empty();
            if (json) {
                out.print(JsonDocument.BINFMT_MATCH.write(BinfmtReport.matchJson(file, m, full)));
            } else {
                out.print(BinfmtReport.matchText(file, m, t.binfmt(), full, Style.detect()));
            }
            out.flush();
            // the exit status says what the output says: whether the file would run (when it was followed)
            if (full.isPresent()) {
                return full.get().runs() ? ExitCode.OK : ExitCode.FINDING;
            }
            return m.entry().isPresent() ? ExitCode.OK : ExitCode.FINDING;
        }
    }

    @Command(name = "parse", mixinStandardHelpOptions = true,
            description = "Check registration strings as the kernel would (the errno a write to register returns) and "
                    + "print each back.")
    static final class ParseCmd implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "STRING", arity = "1..*")
        List<String> strings;
        @Option(names = "--kernel", paramLabel = "VERSION", description = "Kernel version whose rules apply (default 6.12).")
        String kernel;
        @Option(names = "--json")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (kernel != null && KernelVersion.parse(kernel).isEmpty()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--kernel: '" + kernel
                        + "' is not a kernel version (e.g. 6.12)");
            }
            KernelVersion k = kernel == null ? KernelVersion.ASSUMED : KernelVersion.parse(kernel).get();
            int code = ExitCode.OK;
            ArrayNode arr = Json.object().arrayNode();
            for (String s : strings) {
                BinfmtRegistration.Result r = BinfmtRegistrationOpen.check(
                        BinfmtRegistration.parse(s.getBytes(StandardCharsets.UTF_8), k), s, RootFs.host());
                if (r instanceof BinfmtRegistration.Rejected) {
                    code = ExitCode.BAD_INPUT;
                }
                if (json) {
                    arr.add(BinfmtReport.registrationJson(s, r));
                } else {
                    out.print(BinfmtReport.registrationText(s, r));
                }
            }
            if (json) {
                out.print(JsonDocument.BINFMT_PARSE.write("registrations", arr));
            }
            out.flush();
            return code;
        }
    }

    @Command(name = "gen", mixinStandardHelpOptions = true,
            description = "The registration qemu-user-static makes for ARCH (or for every architecture with 'all', or "
                    + "all but the host's family with --host).")
    static final class GenCmd implements Callable<Integer> {
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
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            QemuBinfmt.Style st = style.equalsIgnoreCase("upstream") ? QemuBinfmt.Style.UPSTREAM : QemuBinfmt.Style.DEBIAN;
            List<QemuBinfmt.QemuTarget> ts = new ArrayList<>();
            if (arch.equals("all")) {
                if (host != null) {
                    Optional<Arch> h = Arch.parse(host);
                    if (h.isEmpty()) {
                        err.println("execray: unknown host architecture '" + host + "'");
                        return ExitCode.USAGE;
                    }
                    ts.addAll(QemuBinfmt.forHost(h.get()));
                } else {
                    ts.addAll(QemuBinfmt.targets());
                }
            } else {
                Optional<QemuBinfmt.QemuTarget> t = QemuBinfmt.target(arch);
                if (t.isEmpty()) {
                    err.println("execray: qemu-user has no binfmt entry for '" + arch + "'; known: "
                            + QemuBinfmt.targets().stream().map(QemuBinfmt.QemuTarget::name).toList());
                    return ExitCode.USAGE;
                }
                ts.add(t.get());
            }
            ArrayNode arr = Json.object().arrayNode();
            for (QemuBinfmt.QemuTarget t : ts) {
                String reg = QemuBinfmt.registration(t, st);
                if (json) {
                    BinfmtRegistration.Result r = BinfmtRegistration.parse(reg, KernelVersion.ASSUMED);
                    arr.add(BinfmtReport.qemuJson(t.name(), ((BinfmtRegistration.Accepted) r).entry(), reg));
                } else if (format.equals("binfmts")) {
                    out.println("# /usr/share/binfmts/qemu-" + t.name());
                    out.print(QemuBinfmt.binfmtsFile(t));
                } else {
                    out.println(reg);
                }
            }
            if (json) {
                out.print(JsonDocument.BINFMT_QEMU.write("registrations", arr));
            }
            out.flush();
            return ExitCode.OK;
        }
    }
}
