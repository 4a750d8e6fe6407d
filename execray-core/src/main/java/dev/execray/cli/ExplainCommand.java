package dev.execray.cli;

import dev.execray.report.JsonDocument;
import dev.execray.exec.ExecRequest;
import dev.execray.exec.ExecResult;
import dev.execray.exec.ExecSimulator;
import dev.execray.exec.lookup.PathLookup;
import dev.execray.report.ExplainReport;
import dev.execray.report.Json;
import dev.execray.report.Style;
import dev.execray.place.Os;
import dev.execray.place.Target;
import dev.execray.place.TargetException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
            List<String> m = new ArrayList<>(List.of("--targets", targetOptions.platform, file));
            if (json) {
                m.add("--json");
            }
            CommandLine matrix = new CommandLine(new MatrixCommand());
            matrix.setOut(out);
            matrix.setErr(err);
            return matrix.execute(m.toArray(String[]::new));
        }
        Target target;
        try {
            target = targetOptions.resolve();
        } catch (TargetException e) {
            err.println("execray: " + e.getMessage());
            return ExitCode.USAGE;
        }
        if (target.os() != Os.LINUX) {
            err.println("execray: explain simulates Linux targets; for " + target.platform() + " use 'execray which'");
            return ExitCode.USAGE;
        }
        if (as != null) {
            try {
                target = target.withRoot(dev.execray.rootfs.OverlayRoot.into(target.root(), as, Path.of(file)));
            } catch (dev.execray.rootfs.RootFsException e) {
                err.println("execray: --as " + as + ": " + e.getMessage());
                return ExitCode.USAGE;
            }
            if (!java.nio.file.Files.isRegularFile(Path.of(file))) {
                err.println("execray: --as: " + file + " is not a file of this machine");
                return ExitCode.BAD_INPUT;
            }
            file = as;
        }
        String dir = cwd != null ? cwd : target.defaultWorkingDirectory();
        List<String> argv = new ArrayList<>();
        argv.add(file);
        argv.addAll(args);
        ExecSimulator sim = new ExecSimulator(target);
        ExecResult r;
        if (file.contains("/")) {
            r = sim.explain(new ExecRequest(file, argv, dir));
        } else {
            String p = path != null ? path : target.defaultSearchPath();
            r = PathLookup.explainCommand(sim, file, argv, dir, java.util.Optional.of(p));
        }
        if (!target.root().isHost() && r.verdict() instanceof dev.execray.exec.verdict.Verdict.Fails f
                && f.cause() == dev.execray.exec.verdict.Cause.NOT_FOUND && file.contains("/")
                && java.nio.file.Files.exists(Path.of(file))) {
            // a path given with --root is a path inside the root, like chroot's; the user often means a host file
            err.println("execray: note: " + file + " is looked up inside the root " + target.root().describe()
                    + ", where it does not exist; it exists on this machine: to place it in the root, use "
                    + "'execray matrix --targets dir:ROOT " + file + "'");
            err.flush();
        }
        if (json) {
            out.print(JsonDocument.EXPLAIN.write(ExplainReport.json(r)));
        } else {
            out.print(ExplainReport.text(r, Style.detect()));
        }
        out.flush();
        return r.runs() ? ExitCode.OK : ExitCode.FINDING;
    }
}
