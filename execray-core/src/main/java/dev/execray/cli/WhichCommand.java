package dev.execray.cli;

import dev.execray.report.JsonDocument;
import dev.execray.golang.GoVersion;
import dev.execray.exec.lookup.LookupEnv;
import dev.execray.exec.lookup.LookupResult;
import dev.execray.exec.lookup.LookupRule;
import dev.execray.exec.lookup.PathLookup;
import dev.execray.report.Json;
import dev.execray.report.Style;
import dev.execray.report.WhichReport;
import dev.execray.place.Os;
import dev.execray.place.Target;
import dev.execray.place.TargetException;
import java.io.PrintWriter;
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
        if (os != null) {
            if (targetOptions.platform != null) {
                err.println("execray: give --os or --target, not both");
                return ExitCode.USAGE;
            }
            Optional<Os> o = Os.parse(os);
            if (o.isEmpty()) {
                err.println("execray: unknown OS '" + os + "'");
                return ExitCode.USAGE;
            }
            targetOptions.platform = o.get().goos() + "/" + dev.execray.place.HostFacts.arch()
                    .orElse(dev.execray.place.Arch.AMD64).goarch();
        }
        Target t;
        try {
            t = targetOptions.resolve();
        } catch (TargetException e) {
            err.println("execray: " + e.getMessage());
            return ExitCode.USAGE;
        }
        GoVersion gv = LookupEnv.latestGo();
        if (go != null) {
            Optional<GoVersion> g = GoVersion.parse(go);
            if (g.isEmpty()) {
                err.println("execray: Go version '" + go + "' is not like 1.19");
                return ExitCode.USAGE;
            }
            gv = g.get();
        }
        Optional<String> p = unsetPath ? Optional.empty() : Optional.of(path != null ? path : t.defaultSearchPath());
        String dir = cwd != null ? cwd : t.defaultWorkingDirectory();
        LookupEnv env = new LookupEnv(p, Optional.ofNullable(pathext), noCwd, dir, gv);
        List<LookupResult> results = new ArrayList<>();
        for (LookupRule r : PathLookup.rulesFor(t)) {
            results.add(PathLookup.lookup(t, r, name, env));
        }
        if (json) {
            out.print(JsonDocument.WHICH.write(WhichReport.json(name, t, results)));
        } else {
            out.print(WhichReport.text(name, t, results, Style.detect()));
        }
        out.flush();
        LookupResult first = results.get(0);
        return first.found().isPresent() && first.error().isEmpty() ? ExitCode.OK : ExitCode.FINDING;
    }
}
