package dev.execray.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Go program with a GODEBUG setting, records its stderr (where the runtime writes every trace
 * line) and stdout to files, and samples /proc/PID/smaps while it runs. Besides the bench package,
 * this is the one place execray runs a program, and only one the user names on the command line.
 */
public final class ProcessCapture {
    private final Path outDir;
    private final long sampleMillis;
    private final long timeoutMillis;

    /**
     * @param sampleMillis how often to read /proc/PID/smaps; reading it walks the page tables, so the
     *     default of 200 ms keeps the cost small even for large processes
     * @param timeoutMillis 0 for no limit; on expiry the process (and only it) is killed
     */
    public ProcessCapture(Path outDir, long sampleMillis, long timeoutMillis) {
        this.outDir = outDir;
        this.sampleMillis = Math.max(10, sampleMillis);
        this.timeoutMillis = timeoutMillis;
    }

    public CaptureResult run(List<String> command, String godebug) throws IOException, InterruptedException {
        Files.createDirectories(outDir);
        Path err = outDir.resolve("stderr.log");
        Path out = outDir.resolve("stdout.log");
        Path smaps = outDir.resolve("smaps-last.txt");
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("GODEBUG", godebug);
        pb.redirectError(err.toFile());
        pb.redirectOutput(out.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.INHERIT);
        long t0 = System.nanoTime();
        Process p = pb.start();
        long pid = p.pid();
        Path procSmaps = Path.of("/proc", Long.toString(pid), "smaps");
        byte[] last = null;
        long lastAt = 0;
        int snapshots = 0;
        boolean timedOut = false;
        while (true) {
            byte[] snap = readSmaps(procSmaps);
            // a process that is exiting shows an empty smaps: keep the last snapshot that had mappings
            if (snap.length > 0 && p.isAlive()) {
                last = snap;
                lastAt = System.nanoTime();
                snapshots++;
            }
            if (p.waitFor(sampleMillis, TimeUnit.MILLISECONDS)) {
                break;
            }
            if (timeoutMillis > 0 && System.nanoTime() - t0 > timeoutMillis * 1_000_000L) {
                timedOut = true;
                p.destroy();
                if (!p.waitFor(2, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor();
                }
                break;
            }
        }
        long end = System.nanoTime();
        Optional<Path> smapsFile = Optional.empty();
        if (last != null) {
            Files.write(smaps, last);
            smapsFile = Optional.of(smaps);
        }
        return new CaptureResult(List.copyOf(command), godebug, pid, p.exitValue(), timedOut, (end - t0) / 1_000_000, err, out,
                smapsFile, last == null ? 0 : (end - lastAt) / 1_000_000, snapshots);
    }

    private static byte[] readSmaps(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readAllBytes();
        } catch (NoSuchFileException e) {
            return new byte[0];
        } catch (IOException e) {
            return new byte[0]; // gone between the check and the read, or not allowed: try again next time
        }
    }
}
