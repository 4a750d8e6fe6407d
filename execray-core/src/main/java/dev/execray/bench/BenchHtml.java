package dev.execray.bench;

/**
 * One self-contained HTML page of a bench run, in the style of matrix's: the summary as the text report shows
 * it, the histogram SVG inline, and the hyperfine-schema JSON for tools — no scripts, no external resources.
 */
public final class BenchHtml {
    private BenchHtml() {
    }

    public static String render(BenchReport r) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>execray bench</title>\n")
                .append("<style>\nbody{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#1b1b1b}\n")
                .append("pre{background:#f6f6f6;padding:1em;overflow-x:auto;font-size:12px}\n")
                .append("figure{margin:1em 0}\n</style></head><body>\n<h1>execray bench</h1>\n")
                .append("<p>These programs were executed to time them (bench is the command that runs programs).</p>\n")
                .append("<h2>Results</h2>\n<pre id=\"text\">").append(esc(BenchRender.text(r, false))).append("</pre>\n")
                .append("<h2>Distribution</h2>\n<figure id=\"histogram\">")
                // the SVG is execray's own rendering; command names in it are escaped by HistogramSvg
                .append(HistogramSvg.render(r)).append("</figure>\n")
                .append("<details><summary>JSON (hyperfine's schema plus execray's fields)</summary>\n<pre id=\"json\">")
                .append(esc(BenchRender.jsonText(r))).append("</pre></details>\n</body></html>\n");
        return b.toString();
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
