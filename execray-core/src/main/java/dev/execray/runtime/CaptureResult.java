package dev.execray.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@link ProcessCapture} recorded: the files written, the exit status, and the last maps
 * snapshot taken before the process exited (the kernel drops a process's maps when it exits, so the
 * last sample is as close to "at exit" as can be read from outside).
 */
public record CaptureResult(
        List<String> command,
        String godebug,
        long pid,
        int exitStatus,
        boolean timedOut,
        long wallMillis,
        Path stderrLog,
        Path stdoutLog,
        Optional<Path> lastSmaps,
        /** milliseconds between the last maps snapshot and the observed exit */
        long smapsAgeMillis,
        int smapsSnapshots) {
}
