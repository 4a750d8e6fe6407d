package dev.execray.runtime.trace;

import java.util.List;
import java.util.Map;

/**
 * What a read of a log found, beside the events themselves: how many lines of each format, how many
 * were the program's own output, and the unreadable ones (the first {@link TraceReader#KEPT_UNREADABLE}
 * kept with their line numbers, all counted).
 */
public record ReadSummary(
        long bytes,
        long lines,
        long programOutputLines,
        long interleavedLines,
        long truncatedLines,
        Map<LineFormat, Long> linesByFormat,
        long unreadableCount,
        List<UnreadableLine> unreadable) {

    public long traceLines() {
        return linesByFormat.values().stream().mapToLong(Long::longValue).sum();
    }
}
