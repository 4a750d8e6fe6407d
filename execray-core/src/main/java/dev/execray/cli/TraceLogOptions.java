package dev.execray.cli;

import dev.execray.report.InputError;
import dev.execray.runtime.trace.ReadSummary;
import dev.execray.runtime.trace.TraceSink;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The log {@code runtime gc} and {@code runtime sched} read, and their {@code --json}. */
final class TraceLogOptions {
    @Parameters(index = "0", paramLabel = "LOG", description = "the program's stderr, or - for standard input")
    String log;

    @Option(names = "--json", description = "print the report as JSON")
    boolean json;

    /** The log read into {@code sink}, or empty after saying on {@code err} why it cannot be read (exit 3). */
    Optional<ReadSummary> read(TraceSink sink, PrintWriter err) {
        try {
            return Optional.of(RuntimeLogs.read(log, sink));
        } catch (IOException e) {
            err.println("execray: " + InputError.of(log, e).text());
            return Optional.empty();
        }
    }
}
