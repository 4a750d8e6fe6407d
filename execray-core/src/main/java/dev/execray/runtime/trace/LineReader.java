package dev.execray.runtime.trace;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines without decoding it: the trace parsers read numbers straight out
 * of the buffer, so a gigabyte of log costs no {@code String} per line. Memory is one buffer of
 * fixed size; a line longer than {@link #MAX_LINE} is handed over cut at that length and flagged, so
 * a log with no newlines cannot grow anything.
 */
public final class LineReader {
    /** The longest line handed over whole. Real runtime lines are under 400 bytes. */
    public static final int MAX_LINE = 64 * 1024;
    private static final int BUFFER = 1 << 20;

    /** Receives each line as a range of a shared buffer, valid only during the call. */
    @FunctionalInterface
    public interface LineHandler {
        void line(long number, byte[] buf, int start, int end, boolean truncated);
    }

    private LineReader() {
    }

    /** Reads {@code in} to its end; returns the number of bytes read. Line numbers start at 1. */
    public static long read(InputStream in, LineHandler handler) throws IOException {
        byte[] buf = new byte[BUFFER];
        int start = 0; // first byte of the current (unfinished) line
        int fill = 0;
        long lineNo = 0;
        long total = 0;
        boolean skippingRest = false; // inside an over-long line whose head was already handed over
        while (true) {
            int n = in.read(buf, fill, buf.length - fill);
            if (n < 0) {
                break;
            }
            total += n;
            int scan = fill;
            fill += n;
            int nl;
            while ((nl = indexOf(buf, scan, fill)) >= 0) {
                if (skippingRest) {
                    skippingRest = false;
                } else {
                    lineNo++;
                    int end = nl > start && buf[nl - 1] == '\r' ? nl - 1 : nl;
                    handler.line(lineNo, buf, start, end, false);
                }
                start = nl + 1;
                scan = start;
            }
            if (fill - start >= MAX_LINE) {
                if (!skippingRest) {
                    lineNo++;
                    handler.line(lineNo, buf, start, start + MAX_LINE, true);
                    skippingRest = true;
                }
                start = fill; // drop the rest of this line as it arrives
            }
            if (start > 0 && fill == buf.length) {
                System.arraycopy(buf, start, buf, 0, fill - start);
                fill -= start;
                start = 0;
            } else if (start == fill) {
                start = 0;
                fill = 0;
            }
        }
        if (fill > start && !skippingRest) {
            lineNo++;
            handler.line(lineNo, buf, start, fill, false);
        }
        return total;
    }

    private static int indexOf(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
