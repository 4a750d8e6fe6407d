package dev.execray.report;

import dev.execray.runtime.CaptureReport;
import dev.execray.runtime.CaptureResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code runtime capture}'s output: how the program ended and where its files are, then the gc, sched and maps reports. */
public final class CaptureReportText {
    private CaptureReportText() {
    }

    public static String render(CaptureReport c) {
        CaptureResult r = c.capture();
        String command = String.join(" ", r.command());
        StringBuilder b = new StringBuilder();
        b.append(String.format("%s %s exited with status %d%s after %.1f s (GODEBUG=%s)%n", c.failed() ? "\u2717" : "\u2713",
                command, r.exitStatus(), r.timedOut() ? " (stopped at the time limit)" : "", r.wallMillis() / 1000.0,
                r.godebug()));
        b.append(String.format("  files      %s, %s%s%n%n", r.stderrLog(), r.stdoutLog(), r.lastSmaps().map(p -> ", " + p
                + String.format(" (last of %d snapshots, %d ms before exit)", r.smapsSnapshots(), r.smapsAgeMillis()))
                .orElse(", no maps snapshot (the program ended before the first one)")));
        b.append(GcReportText.render(r.stderrLog().toString(), c.gc())).append(System.lineSeparator());
        b.append(SchedReportText.render(r.stderrLog().toString(), c.sched())).append(System.lineSeparator());
        c.maps().ifPresent(m -> b.append(MapsReportText.render(m, false, 15)));
        return b.toString();
    }

    /** The JSON document's fields, in their order: capture, gc, sched, maps. */
    public static Map<String, Object> json(CaptureReport c) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("capture", c.capture());
        doc.put("gc", c.gc());
        doc.put("sched", c.sched());
        doc.put("maps", c.maps());
        return doc;
    }
}
