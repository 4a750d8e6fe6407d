package dev.execray.runtime;

import dev.execray.runtime.maps.MapsReport;
import dev.execray.runtime.maps.MapsSource;
import dev.execray.runtime.trace.GcAnalysis;
import dev.execray.runtime.trace.GcReport;
import dev.execray.runtime.trace.ReadSummary;
import dev.execray.runtime.trace.SchedAnalysis;
import dev.execray.runtime.trace.SchedReport;
import dev.execray.runtime.trace.TraceReader;
import dev.execray.runtime.trace.TraceSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code runtime capture}'s reports on what {@link ProcessCapture} recorded: the gc and sched analyses of the
 * program's stderr, read once, and the maps report of the last smaps snapshot when there is one.
 *
 * @param mapsProblem why the last snapshot could not be read ("FILE: reason"), when it could not
 */
public record CaptureReport(CaptureResult capture, GcReport gc, SchedReport sched, Optional<MapsReport> maps,
        Optional<String> mapsProblem) {

    /**
     * @throws IOException when the recorded stderr cannot be read (the message does not name the file)
     */
    public static CaptureReport of(CaptureResult r) throws IOException {
        GcAnalysis gc = new GcAnalysis();
        SchedAnalysis sched = new SchedAnalysis();
        ReadSummary read;
        try (InputStream in = Files.newInputStream(r.stderrLog())) {
            read = TraceReader.read(in, TraceSink.all(gc, sched));
        }
        Optional<MapsReport> maps = Optional.empty();
        Optional<String> problem = Optional.empty();
        if (r.lastSmaps().isPresent()) {
            try {
                maps = Optional.of(MapsSource.saved(r.lastSmaps().get(), r.lastSmaps().get().toString()));
            } catch (IOException e) {
                problem = Optional.of(r.lastSmaps().get() + ": " + e.getMessage());
            }
        }
        return new CaptureReport(r, gc.report(read), sched.report(read), maps, problem);
    }

    /** Whether the program failed: a non-zero exit status, or stopped at the time limit. */
    public boolean failed() {
        return capture.exitStatus() != 0 || capture.timedOut();
    }

    /** Every report's findings: gc's, sched's, then the maps'. */
    public List<Finding> findings() {
        List<Finding> all = new ArrayList<>(gc.findings());
        all.addAll(sched.findings());
        maps.ifPresent(m -> all.addAll(m.findings()));
        return all;
    }
}
