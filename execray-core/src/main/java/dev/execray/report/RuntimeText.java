package dev.execray.report;

import dev.execray.runtime.Finding;
import dev.execray.runtime.trace.LineFormat;
import dev.execray.runtime.trace.ReadSummary;
import dev.execray.runtime.trace.UnreadableLine;
import java.util.List;
import java.util.Map;

/** Pieces shared by the runtime text reports: the verdict line, the log line, findings. */
final class RuntimeText {
    private RuntimeText() {
    }

    static long warnings(List<Finding> findings) {
        return findings.stream().filter(f -> f.severity() == Finding.Severity.WARNING).count();
    }

    /** "✓ what" or "✗ what — N warnings": the first line of every report. */
    static String verdict(String what, List<Finding> findings) {
        long w = warnings(findings);
        return (w == 0 ? "\u2713 " : "\u2717 ") + what + (w == 0 ? "" : " \u2014 " + w + (w == 1 ? " warning" : " warnings"));
    }

    static void row(StringBuilder sb, String label, String text) {
        sb.append("  ").append(String.format("%-11s", label)).append(text).append('\n');
    }

    static void logRows(StringBuilder sb, String source, ReadSummary r) {
        row(sb, "log", String.format("%s: %,d lines, %,d runtime lines, %,d program output, %,d unreadable", source, r.lines(),
                r.traceLines(), r.programOutputLines(), r.unreadableCount()));
        StringBuilder f = new StringBuilder();
        for (Map.Entry<LineFormat, Long> e : r.linesByFormat().entrySet()) {
            if (f.length() > 0) {
                f.append(", ");
            }
            f.append(e.getKey().name().toLowerCase().replace('_', '-')).append(' ').append(String.format("%,d", e.getValue()));
        }
        if (f.length() > 0) {
            row(sb, "formats", f.toString());
        }
        if (r.interleavedLines() > 0) {
            row(sb, "", String.format("%,d runtime line(s) had program output in front and were read after it",
                    r.interleavedLines()));
        }
    }

    static void findings(StringBuilder sb, List<Finding> findings) {
        if (findings.isEmpty()) {
            return;
        }
        sb.append('\n');
        for (Finding f : findings) {
            sb.append(f.severity() == Finding.Severity.WARNING ? "  \u2717 " : "  \u00b7 ").append(f.message())
                    .append("  [").append(f.code()).append("]\n");
            sb.append("      why: ").append(f.why()).append('\n');
        }
    }

    static void unreadable(StringBuilder sb, ReadSummary r, int max) {
        if (r.unreadable().isEmpty()) {
            return;
        }
        sb.append("\n  unreadable lines (").append(r.unreadableCount()).append("):\n");
        for (int i = 0; i < Math.min(max, r.unreadable().size()); i++) {
            UnreadableLine u = r.unreadable().get(i);
            sb.append("    line ").append(u.line()).append(", column ").append(u.column()).append(": expected ")
                    .append(u.expected()).append("\n      ").append(u.text()).append('\n');
        }
        if (r.unreadableCount() > max) {
            sb.append("    ... ").append(r.unreadableCount() - max).append(" more (--json lists ")
                    .append(r.unreadable().size()).append(")\n");
        }
    }

    static String ms(long micros) {
        return String.format("%.3f ms", micros / 1000.0);
    }

    static String kib(long kib) {
        if (Math.abs(kib) >= 10L * 1024 * 1024) {
            return String.format("%,.1f GiB", kib / 1024.0 / 1024.0);
        }
        if (Math.abs(kib) >= 10L * 1024) {
            return String.format("%,.1f MiB", kib / 1024.0);
        }
        return String.format("%,d KiB", kib);
    }
}
