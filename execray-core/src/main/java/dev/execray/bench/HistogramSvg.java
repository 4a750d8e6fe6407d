package dev.execray.bench;

import java.util.List;
import java.util.Locale;

/**
 * One histogram per timed command, stacked on a shared time axis, as a self-contained SVG (no scripts, no
 * external fonts): the shape hides nothing a mean would (two modes, a long tail). The median is marked.
 */
public final class HistogramSvg {
    static final int WIDTH = 720;
    static final int ROW = 110;
    static final int LEFT = 20;
    static final int BINS = 40;

    private HistogramSvg() {
    }

    public static String render(BenchReport r) {
        List<Outcome.Timed> t = r.timed();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Outcome.Timed x : t) {
            // the axis ends at the largest p99-ish value so one stray run does not squash every histogram
            double[] s = x.measurement().seconds().clone();
            java.util.Arrays.sort(s);
            lo = Math.min(lo, s[0]);
            hi = Math.max(hi, Summary.quantileSorted(s, 0.99));
        }
        if (t.isEmpty()) {
            lo = 0;
            hi = 1;
        }
        if (hi <= lo) {
            hi = lo + Math.max(lo * 0.01, 1e-9);
        }
        int plotW = WIDTH - 2 * LEFT;
        int height = ROW * t.size() + 40;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height, WIDTH, height));
        b.append("<title>execray bench: wall time per run</title>\n");
        for (int i = 0; i < t.size(); i++) {
            Outcome.Timed x = t.get(i);
            int[] counts = new int[BINS];
            int beyond = 0;
            for (double v : x.measurement().seconds()) {
                int k = (int) Math.floor((v - lo) / (hi - lo) * BINS);
                if (k >= BINS) {
                    if (v > hi) {
                        beyond++;
                        continue;
                    }
                    k = BINS - 1;
                }
                counts[Math.max(0, k)]++;
            }
            int max = 1;
            for (int c : counts) {
                max = Math.max(max, c);
            }
            int top = 10 + i * ROW;
            int base = top + ROW - 30;
            b.append("<g class=\"command\">\n");
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s — median %s, %d runs%s</text>%n", LEFT,
                    top + 12, xml(x.label()), xml(Units.time(x.summary().median())), x.summary().runs(),
                    beyond > 0 ? xml(", " + beyond + " beyond the axis") : ""));
            double bw = (double) plotW / BINS;
            for (int k = 0; k < BINS; k++) {
                if (counts[k] == 0) {
                    continue;
                }
                double h = (ROW - 50) * (double) counts[k] / max;
                b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                        + "fill=\"#4a78b5\"><title>%d runs</title></rect>%n", LEFT + k * bw, base - h, bw - 1, h, counts[k]));
            }
            double mx = LEFT + (x.summary().median() - lo) / (hi - lo) * plotW;
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#c0392b\" "
                    + "stroke-width=\"1.5\"/>%n", mx, top + 18, mx, base));
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>%n",
                    LEFT, base, LEFT + plotW, base));
            b.append("</g>\n");
        }
        int axis = height - 12;
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT, axis, xml(Units.time(lo))));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", LEFT + plotW, axis,
                xml(Units.time(hi))));
        b.append("</svg>\n");
        return b.toString();
    }

    static String xml(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\t') {
                        b.append(' '); // control characters are not allowed in XML 1.0
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
