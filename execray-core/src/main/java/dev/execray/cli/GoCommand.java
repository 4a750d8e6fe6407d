package dev.execray.cli;

import dev.execray.golang.BuildInfoReader.Dialect;
import dev.execray.golang.GoVersionMScan;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "go", mixinStandardHelpOptions = true,
        description = {"Go metadata of executables, read without running them.",
                "By default a summary of how each file was built (Go release, GOOS/GOARCH, cgo, linking, VCS, "
                + "settings); --modinfo prints exactly what `go version -m` prints; --funcs lists the function table."})
final class GoCommand implements Callable<Integer> {
    /** Where raw bytes go; tests replace these. */
    static OutputStream rawOut = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false);
    static OutputStream rawErr = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), false);

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE")
    List<String> files;

    @Option(names = "--modinfo", description = "Print what `go version -m FILE...` prints, byte for byte.")
    boolean modinfo;

    @Option(names = "--go-reader", paramLabel = "auto|1.19|current", defaultValue = "auto",
            description = "Which debug/buildinfo to imitate for --modinfo: 1.19 (Go 1.18-1.22) reads 64 KiB of the "
                    + "data region and no universal binaries; current (Go 1.23+) scans the whole region; auto picks "
                    + "the one of the go on PATH (GOROOT/VERSION), current when there is none. Default: ${DEFAULT-VALUE}.")
    String reader;

    @Option(names = "--funcs", description = "List the functions (entry, size, file:line), packages and init functions.")
    boolean funcs;

    @Option(names = "--json", description = "One JSON document: {\"schema\", \"files\": [...]} (docs/json-schema.md).")
    boolean json;

    @Option(names = "--jsonl", description = "JSON Lines: one object per file and line (not with --modinfo).")
    boolean jsonl;

    @Override
    public Integer call() {
        Dialect dialect = GoVersionMScan.dialectNamed(reader).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "--go-reader: expected auto, 1.19 or current, got " + reader));
        if (modinfo) {
            boolean statFailed = new GoVersionM(rawOut, rawErr, dialect, json).run(files);
            return statFailed ? ExitCode.BAD_INPUT : ExitCode.OK;
        }
        return GoSummaryCommand.run(spec, files, json, jsonl, funcs);
    }
}
