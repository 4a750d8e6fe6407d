package dev.execray.cli;

import dev.execray.report.JsonDocument;
import dev.execray.golang.GoRelease;
import dev.execray.golang.GoVersion;
import dev.execray.golang.GodebugCheck;
import dev.execray.report.GodebugRenderer;
import dev.execray.report.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "godebug", mixinStandardHelpOptions = true,
        description = {"Validate a GODEBUG string for a Go release; exit code 1 when something is wrong.",
                "Unknown keys (with the nearest real ones), values out of range, settings not yet present or already "
                + "removed in that release; one line on what each setting does."})
final class GodebugCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "GODEBUG", description = "e.g. \"madvdontneed=1,gctrace=1\"")
    String godebug;

    @Option(names = "--go", paramLabel = "VERSION", description = "Go release the program was built with (default: newest known)")
    String go;

    @Option(names = "--json", description = "JSON output")
    boolean json;

    @Override
    public Integer call() {
        GoVersion version = GoRelease.newest().version();
        if (go != null) {
            version = GoVersion.parse(go).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "--go: not a Go version: " + go + " (expected e.g. 1.22 or go1.21.6)"));
        }
        GodebugCheck.Report r = GodebugCheck.check(godebug, version);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? JsonDocument.GODEBUG.write(GodebugRenderer.json(r)) : GodebugRenderer.text(r));
        out.flush();
        return r.ok() ? ExitCode.OK : ExitCode.FINDING;
    }
}
