package dev.execray.cli;

import dev.execray.exec.lookup.LookupEnv;
import dev.execray.exec.lookup.LookupResult;
import dev.execray.exec.lookup.PathLookup;
import dev.execray.golang.GoVersion;
import dev.execray.place.Target;
import dev.execray.report.JsonDocument;
import dev.execray.report.Style;
import dev.execray.report.WhichReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "which", mixinStandardHelpOptions = true,
        description = {"Search PATH for NAME the way each program would — the C library's execvp, Go's exec.LookPath, "
                + "Python's subprocess; CreateProcess and Go on Windows — and show every candidate and why it was "
                + "taken or passed over.",
                "Exit status 0 if the first rule finds it, 1 if not."})
final class WhichCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions targetOptions;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--os", paramLabel = "OS", description = "linux, darwin, freebsd, openbsd, netbsd or windows "
            + "(shorthand for --target OS/<this arch>).")
    String os;

    @Option(names = "--path", paramLabel = "PATH", description = "The PATH to search (default: $PATH for this machine, "
            + "else a standard one). An empty string means PATH is set but empty.")
    String path;

    @Option(names = "--unset-path", description = "Search as if PATH were unset (each program's default applies).")
    boolean unsetPath;

    @Option(names = "--pathext", paramLabel = "EXTS", description = "PATHEXT for Windows rules (default: unset).")
    String pathext;

    @Option(names = "--no-default-current-directory", description = "Windows: NoDefaultCurrentDirectoryInExePath is set.")
    boolean noCwd;

    @Option(names = "--go", paramLabel = "VERSION", description = "Go release whose LookPath rules apply (default: "
            + "1.24; 1.19 and 1.20 differ).")
    String go;

    @Option(names = "--cwd", paramLabel = "DIR", description = "Working directory inside the root.")
    String cwd;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (os != null && !targetOptions.useOs(os, err)) {
            return ExitCode.USAGE;
        }
        Optional<Target> t = targetOptions.resolve(err);
        Optional<GoVersion> gv = go == null ? Optional.of(LookupEnv.latestGo()) : GoVersion.parse(go);
        if (t.isPresent() && gv.isEmpty()) {
            err.println("execray: Go version '" + go + "' is not like 1.19");
        }
        if (t.isEmpty() || gv.isEmpty()) {
            return ExitCode.USAGE;
        }
        Optional<String> p = unsetPath ? Optional.empty() : Optional.of(t.get().searchPath(Optional.ofNullable(path)));
        String dir = t.get().workingDirectory(Optional.ofNullable(cwd));
        List<LookupResult> results = PathLookup.lookupAll(t.get(), name,
                new LookupEnv(p, Optional.ofNullable(pathext), noCwd, dir, gv.get()));
        out.print(json ? JsonDocument.WHICH.write(WhichReport.json(name, t.get(), results))
                : WhichReport.text(name, t.get(), results, Style.detect()));
        out.flush();
        LookupResult first = results.get(0);
        return first.found().isPresent() && first.error().isEmpty() ? ExitCode.OK : ExitCode.FINDING;
    }
}
