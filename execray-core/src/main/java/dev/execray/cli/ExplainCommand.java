package dev.execray.cli;

import dev.execray.exec.ExecResult;
import dev.execray.exec.Explain;
import dev.execray.place.Os;
import dev.execray.place.Target;
import dev.execray.report.ExplainReport;
import dev.execray.report.JsonDocument;
import dev.execray.report.Style;
import dev.execray.rootfs.OverlayRoot;
import dev.execray.rootfs.RootFsException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Walk FILE through the exec path for a target — PATH lookup, #!, binfmt_misc, the kernel's ELF "
                + "checks — and say whether it would start, and if not, exactly why and what to do.",
                "Never executes FILE. Exit status 0 if it would run, 1 if it would fail."})
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions targetOptions;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file, as you would type it (a name without / is looked "
            + "up in PATH); with --root, a path inside the root, as chroot would see it.")
    String file;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "Arguments after argv[0].")
    List<String> args = new ArrayList<>();

    @Option(names = "--path", paramLabel = "PATH", description = "PATH for a name without / (default: $PATH, or a standard one for a root).")
    String path;

    @Option(names = "--cwd", paramLabel = "DIR", description = "Working directory inside the root (default: yours for /, else /).")
    String cwd;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--as", paramLabel = "PATH", description = "Place FILE, a file of this machine, at PATH inside the "
            + "root (its directory must exist there) and explain PATH, as if it had been copied in.")
    String as;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (targetOptions.namesAPlace()) {
            // a place known by name is judged as matrix judges it: one cell, with its trace
            CommandLine matrix = new CommandLine(new MatrixCommand()).setOut(out).setErr(err);
            return matrix.execute(json ? new String[] {"--targets", targetOptions.platform, file, "--json"}
                    : new String[] {"--targets", targetOptions.platform, file});
        }
        Optional<Target> resolved = targetOptions.resolve(err);
        if (resolved.isEmpty()) {
            return ExitCode.USAGE;
        }
        Target target = resolved.get();
        if (target.os() != Os.LINUX) {
            err.println("execray: explain simulates Linux targets; for " + target.platform() + " use 'execray which'");
            return ExitCode.USAGE;
        }
        if (as != null) {
            try {
                target = target.withRoot(OverlayRoot.into(target.root(), as, Path.of(file)));
            } catch (RootFsException e) {
                err.println("execray: --as " + as + ": " + e.getMessage());
                return ExitCode.USAGE;
            }
            if (!Files.isRegularFile(Path.of(file))) {
                err.println("execray: --as: " + file + " is not a file of this machine");
                return ExitCode.BAD_INPUT;
            }
            file = as;
        }
        List<String> argv = new ArrayList<>(List.of(file));
        argv.addAll(args);
        ExecResult r = Explain.typed(target, argv, Optional.ofNullable(cwd), Optional.ofNullable(path));
        if (Explain.missingButOnThisMachine(target, file, r)) {
            err.println("execray: note: " + ExplainReport.hostFileNote(file, target.root().describe()));
            err.flush();
        }
        out.print(json ? JsonDocument.EXPLAIN.write(ExplainReport.json(r)) : ExplainReport.text(r, Style.detect()));
        out.flush();
        return r.runs() ? ExitCode.OK : ExitCode.FINDING;
    }
}
