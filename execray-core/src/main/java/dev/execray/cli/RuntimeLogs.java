package dev.execray.cli;

import dev.execray.runtime.Finding;
import dev.execray.runtime.trace.ReadSummary;
import dev.execray.runtime.trace.TraceReader;
import dev.execray.runtime.trace.TraceSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reading a log named on the command line ("-" for stdin) and the exit code of a report. */
final class RuntimeLogs {
    private RuntimeLogs() {
    }

    static ReadSummary read(String log, TraceSink sink) throws IOException {
        if (log.equals("-")) {
            return TraceReader.read(System.in, sink);
        }
        try (InputStream in = Files.newInputStream(Path.of(log))) {
            return TraceReader.read(in, sink);
        }
    }

    static int exitCode(List<Finding> findings) {
        return findings.stream().anyMatch(f -> f.severity() == Finding.Severity.WARNING) ? ExitCode.FINDING : ExitCode.OK;
    }
}
