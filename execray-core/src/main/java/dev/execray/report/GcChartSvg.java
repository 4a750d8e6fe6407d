package dev.execray.report;

import dev.execray.runtime.trace.GcReport;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained SVG of a gctrace log: the heap over time (heap at GC start, at mark end, live heap,
 * goal) above the longest stop-the-world pause of each timeline bucket. No scripts, fonts or links:
 * it renders the same in a browser, an image viewer and rsvg-convert.
 */
public final class GcChartSvg {
    private static final int W = 960;
    private static final int H = 600;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP1 = 92;
    private static final int H1 = 270;
    private static final int TOP2 = 420;
    private static final int H2 = 120;

    private GcChartSvg() {
    }

    /** {@link #render} written to {@code file} (UTF-8). */
    public static void write(java.nio.file.Path file, String source, GcReport g) throws java.io.IOException {
        java.nio.file.Files.writeString(file, render(source, g), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static String render(String source, GcReport g) {
        List<GcReport.GcPoint> pts = g.timeline();
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        text(s, LEFT, 28, 18, "start", "bold", "Go GC: heap and stop-the-world pauses");
        text(s, LEFT, 50, 12, "start", "normal", String.format(Locale.ROOT, "%s \u2014 %,d cycles, pause p99 %.3f ms, max %.3f ms, "
                + "GC CPU %.1f%%%s", source, g.cycles(), g.stwPauses().p99Micros() / 1000.0, g.stwPauses().maxMicros() / 1000.0,
                g.gcCpuFraction() * 100, g.sequenceBreaks() > 0 ? " (several runs: times restart)" : ""));
        if (pts.isEmpty()) {
            text(s, W / 2, H / 2, 16, "middle", "normal", "no gctrace lines in the log");
            return s.append("</svg>\n").toString();
        }
        double tMin = 0;
        double tMax = 0;
        double heapMax = 1;
        double pauseMax = 0.001;
        for (GcReport.GcPoint p : pts) {
            tMax = Math.max(tMax, p.tSeconds());
            heapMax = Math.max(heapMax, Math.max(Math.max(p.heapStartMB(), p.heapEndMB()), p.goalMB()));
            pauseMax = Math.max(pauseMax, p.maxPauseMicros() / 1000.0);
        }
        if (tMax <= tMin) {
            tMax = tMin + 1;
        }
        double[] tx = ticks(tMin, tMax);
        double[] hy = ticks(0, heapMax);
        double[] py = ticks(0, pauseMax);
        double hTop = hy[hy.length - 1];
        double pTop = py[py.length - 1];
        double tTop = tx[tx.length - 1];
        int plotW = W - LEFT - RIGHT;

        axes(s, TOP1, H1, tx, tTop, hy, hTop, "heap (MB)", "%s");
        series(s, pts, tTop, hTop, TOP1, H1, plotW, 0, "#9ecae1", "none", 1.2);
        series(s, pts, tTop, hTop, TOP1, H1, plotW, 1, "#3182bd", "none", 1.5);
        series(s, pts, tTop, hTop, TOP1, H1, plotW, 2, "#31a354", "none", 2);
        series(s, pts, tTop, hTop, TOP1, H1, plotW, 3, "#e6550d", "6,4", 1.5);
        legend(s, W - RIGHT - 176, TOP1 + 14, new String[] {"heap at GC start", "heap at mark end", "live heap (marked)", "heap goal"},
                new String[] {"#9ecae1", "#3182bd", "#31a354", "#e6550d"}, new String[] {"none", "none", "none", "6,4"});

        axes(s, TOP2, H2, tx, tTop, py, pTop, "pause (ms)", "%s");
        for (GcReport.GcPoint p : pts) {
            double x = LEFT + p.tSeconds() / tTop * plotW;
            double y = TOP2 + H2 - (p.maxPauseMicros() / 1000.0) / pTop * H2;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#756bb1\" stroke-width=\"1.5\"/>%n",
                    x, TOP2 + H2, x, y));
        }
        double p99 = g.stwPauses().p99Micros() / 1000.0;
        if (p99 > 0 && p99 <= pTop) {
            double y = TOP2 + H2 - p99 / pTop * H2;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#de2d26\" stroke-dasharray=\"4,3\"/>%n",
                    LEFT, y, W - RIGHT, y));
            text(s, W - RIGHT - 4, (int) y - 4, 11, "end", "normal", String.format(Locale.ROOT, "p99 %.3f ms", p99));
        }
        text(s, LEFT, TOP2 - 10, 13, "start", "bold", "longest stop-the-world pause per interval");
        text(s, LEFT, TOP1 - 8, 13, "start", "bold", "heap over time");
        text(s, LEFT + plotW / 2, H - 14, 12, "middle", "normal", "time since program start (s)");
        return s.append("</svg>\n").toString();
    }

    private static void axes(StringBuilder s, int top, int h, double[] tx, double tTop, double[] ys, double yTop, String yLabel,
            String fmt) {
        int plotW = W - LEFT - RIGHT;
        for (double y : ys) {
            double py = top + h - y / yTop * h;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>%n", LEFT, py,
                    LEFT + plotW, py));
            text(s, LEFT - 6, (int) Math.round(py) + 4, 11, "end", "normal", label(y));
        }
        for (double t : tx) {
            double px = LEFT + t / tTop * plotW;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#555\"/>%n", px, top + h,
                    px, top + h + 5));
            text(s, (int) Math.round(px), top + h + 18, 11, "middle", "normal", label(t));
        }
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>%n", LEFT, top + h,
                LEFT + plotW, top + h));
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>%n", LEFT, top, LEFT,
                top + h));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 %d %d)\">%s</text>%n", 22, top + h / 2, 22, top + h / 2, esc(yLabel)));
    }

    private static void series(StringBuilder s, List<GcReport.GcPoint> pts, double tTop, double yTop, int top, int h, int plotW,
            int which, String color, String dash, double width) {
        StringBuilder d = new StringBuilder();
        for (GcReport.GcPoint p : pts) {
            double v = which == 0 ? p.heapStartMB() : which == 1 ? p.heapEndMB() : which == 2 ? p.liveMB() : p.goalMB();
            double x = LEFT + p.tSeconds() / tTop * plotW;
            double y = top + h - v / yTop * h;
            d.append(d.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
        }
        s.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"")
                .append(width).append('"');
        if (!dash.equals("none")) {
            s.append(" stroke-dasharray=\"").append(dash).append('"');
        }
        s.append("/>\n");
    }

    private static void legend(StringBuilder s, int x, int y, String[] names, String[] colors, String[] dashes) {
        s.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"170\" height=\"%d\" fill=\"#ffffff\" fill-opacity=\"0.85\" stroke=\"#ccc\"/>%n",
                x - 6, y - 12, names.length * 16 + 6));
        for (int i = 0; i < names.length; i++) {
            int yy = y + i * 16;
            s.append(String.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>%n", x, yy - 4,
                    x + 22, yy - 4, colors[i], dashes[i].equals("none") ? "" : " stroke-dasharray=\"" + dashes[i] + "\""));
            text(s, x + 28, yy, 11, "start", "normal", names[i]);
        }
    }

    private static void text(StringBuilder s, int x, int y, int size, String anchor, String weight, String t) {
        s.append(String.format("<text x=\"%d\" y=\"%d\" font-size=\"%d\" text-anchor=\"%s\" font-weight=\"%s\" fill=\"#222\">%s</text>%n",
                x, y, size, anchor, weight, esc(t)));
    }

    static String esc(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String label(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** Round tick values from {@code lo} to at least {@code hi}: steps of 1, 2 or 5 times a power of ten. */
    static double[] ticks(double lo, double hi) {
        double range = Math.max(hi - lo, 1e-9);
        double raw = range / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
        int n = (int) Math.ceil((hi - lo) / step - 1e-9);
        n = Math.max(n, 1);
        double[] t = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            t[i] = lo + i * step;
        }
        return t;
    }
}
