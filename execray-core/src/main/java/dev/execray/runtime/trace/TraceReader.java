package dev.execray.runtime.trace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Streams a log through {@link TraceLineParser} into a {@link TraceSink}: constant memory whatever
 * the size of the log (one read buffer, counters, at most {@link #KEPT_UNREADABLE} kept problems).
 */
public final class TraceReader {
    /** Unreadable lines kept with their text; the rest are only counted. */
    public static final int KEPT_UNREADABLE = 200;
    private static final int EXCERPT = 160;

    private TraceReader() {
    }

    public static ReadSummary read(InputStream in, TraceSink sink) throws IOException {
        TraceLineParser parser = new TraceLineParser();
        long[] byFormat = new long[LineFormat.values().length];
        long[] counts = new long[4]; // program output, interleaved, truncated, unreadable
        List<UnreadableLine> kept = new ArrayList<>();
        long[] lines = new long[1];
        long bytes = LineReader.read(in, (number, buf, start, end, truncated) -> {
            lines[0] = number;
            if (truncated) {
                counts[2]++;
            }
            TraceLineParser.Result r = parser.parse(buf, start, end);
            if (r instanceof TraceLineParser.Event e) {
                byFormat[e.event().format().ordinal()]++;
                if (e.skippedPrefix() > 0) {
                    counts[1]++;
                }
                sink.event(number, e.event());
            } else if (r instanceof TraceLineParser.Unreadable u) {
                counts[3]++;
                String text = excerpt(buf, start, end);
                if (kept.size() < KEPT_UNREADABLE) {
                    kept.add(new UnreadableLine(number, u.column(), u.expected(), text));
                }
                sink.unreadable(number, u.column(), u.expected(), text);
            } else {
                counts[0]++;
                sink.programOutput(number);
            }
        });
        Map<LineFormat, Long> formats = new EnumMap<>(LineFormat.class);
        for (LineFormat f : LineFormat.values()) {
            if (byFormat[f.ordinal()] > 0) {
                formats.put(f, byFormat[f.ordinal()]);
            }
        }
        return new ReadSummary(bytes, lines[0], counts[0], counts[1], counts[2], Collections.unmodifiableMap(formats),
                counts[3], List.copyOf(kept));
    }

    private static String excerpt(byte[] buf, int start, int end) {
        int n = Math.min(end - start, EXCERPT);
        String s = new String(buf, start, n, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            out.append(ch < 0x20 || ch == 0x7f ? '?' : ch); // keep terminals safe from control bytes
        }
        return n < end - start ? out + "..." : out.toString();
    }
}
