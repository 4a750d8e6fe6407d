package dev.execray.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.execray.exec.verdict.ExecStep;
import dev.execray.exec.places.Place;
import dev.execray.exec.places.PlaceVerdict;
import dev.execray.exec.places.PlaceVerdict.Status;
import java.util.List;

/**
 * The portability matrix: files × places, each cell runs / depends / fails with a one-line reason; as text,
 * JSON, or one self-contained HTML page (inline CSS, no script, no external asset) with every cell's trace.
 */
public final class MatrixReport {
    private MatrixReport() {
    }

    /** One row of the matrix: a file and its verdict in each place, in the order of the places. */
    public record Row(String file, List<PlaceVerdict> cells) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    static String mark(Status s) {
        return switch (s) {
            case RUNS -> "\u2713";
            case DEPENDS -> "?";
            case FAILS -> "\u2717";
        };
    }

    public static ObjectNode json(List<Place> places, List<Row> rows) {
        ObjectNode o = Json.object();
        ArrayNode ts = o.putArray("targets");
        for (Place p : places) {
            ObjectNode t = ts.addObject();
            t.put("name", p.name());
            t.put("platform", p.target().platform());
            t.put("summary", p.profile().map(x -> x.summary()).orElse(p.target().summary()));
            t.put("root", p.hasRoot() ? p.target().root().describe() : null);
            ArrayNode notes = t.putArray("notes");
            p.target().notes().forEach(notes::add);
            ArrayNode sources = t.putArray("sources");
            p.profile().ifPresent(x -> x.sources().forEach(sources::add));
        }
        ArrayNode cells = o.putArray("cells");
        for (Row r : rows) {
            for (int i = 0; i < r.cells().size(); i++) {
                PlaceVerdict v = r.cells().get(i);
                ObjectNode c = cells.addObject();
                c.put("file", r.file());
                c.put("target", places.get(i).name());
                c.put("verdict", v.status().label());
                c.put("reason", v.reason());
                c.put("errno", v.errno().orElse(null));
                c.put("says", v.says().orElse(null));
                ArrayNode steps = c.putArray("steps");
                for (ExecStep s : v.steps()) {
                    ObjectNode so = steps.addObject();
                    so.put("stage", s.stage().label());
                    so.put("subject", s.subject());
                    so.put("finding", s.finding());
                    so.put("outcome", s.outcome().label());
                    so.put("errno", s.errno().map(Enum::name).orElse(null));
                    so.put("why", s.why());
                }
            }
        }
        return o;
    }

    /** One page, nothing loaded from elsewhere: the matrix in colour, each cell's trace behind a disclosure. */
    public static String html(List<Place> places, List<Row> rows, String title) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>").append(esc(title))
                .append("</title>\n<style>\n")
                .append("body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#1b1b1b}\n")
                .append("table.matrix{border-collapse:collapse}\n")
                .append("table.matrix th,table.matrix td{border:1px solid #ccc;padding:.4em .6em;vertical-align:top}\n")
                .append("td.runs{background:#d9f2d9}td.depends{background:#fff1c2}td.fails{background:#f8d0d0}\n")
                .append("td .verdict{font-weight:600}td .reason{display:block;max-width:28em;font-size:12px}\n")
                .append("details table{border-collapse:collapse;font-size:12px;margin-top:.4em}\n")
                .append("details td,details th{border:1px solid #ddd;padding:.15em .4em}\n")
                .append("tr.failed td{color:#a00}.file{font-family:monospace}th.target small{font-weight:400;color:#555}\n")
                .append("</style></head><body>\n<h1>").append(esc(title)).append("</h1>\n");
        long fails = rows.stream().flatMap(r -> r.cells().stream()).filter(v -> v.status() == Status.FAILS).count();
        long depends = rows.stream().flatMap(r -> r.cells().stream()).filter(v -> v.status() == Status.DEPENDS).count();
        long all = rows.stream().mapToLong(r -> r.cells().size()).sum();
        b.append("<p id=\"summary\">").append(all - fails - depends).append(" run, ").append(depends)
                .append(" depend on what execray cannot see, ").append(fails).append(" fail (").append(rows.size())
                .append(" files \u00d7 ").append(places.size()).append(" places). Nothing was executed.</p>\n");
        b.append("<table class=\"matrix\"><thead><tr><th>file</th>");
        for (Place p : places) {
            b.append("<th class=\"target\">").append(esc(p.name())).append("<br><small>")
                    .append(esc(p.profile().map(x -> x.summary()).orElse(p.target().summary()))).append("</small></th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (Row r : rows) {
            b.append("<tr><th class=\"file\">").append(esc(r.file())).append("</th>");
            for (int i = 0; i < r.cells().size(); i++) {
                PlaceVerdict v = r.cells().get(i);
                b.append("<td class=\"").append(v.status().label()).append("\" data-target=\"").append(esc(places.get(i).name()))
                        .append("\"><span class=\"verdict\">").append(mark(v.status())).append(' ')
                        .append(v.status().label()).append("</span><span class=\"reason\">").append(esc(v.reason()))
                        .append("</span>");
                v.says().ifPresent(s -> b.append("<span class=\"reason\"><i>they would see:</i> <code>").append(esc(s))
                        .append("</code></span>"));
                b.append("<details><summary>trace (").append(v.steps().size()).append(" steps)</summary><table>")
                        .append("<tr><th>stage</th><th>looked at</th><th>found</th><th>outcome</th><th>why</th></tr>");
                for (ExecStep s : v.steps()) {
                    b.append("<tr class=\"").append(s.outcome().label()).append("\"><td>").append(esc(s.stage().label()))
                            .append("</td><td>").append(esc(s.subject())).append("</td><td>").append(esc(s.finding()))
                            .append("</td><td>").append(esc(s.outcome().label()))
                            .append(s.errno().map(e -> " " + e.name()).orElse("")).append("</td><td>").append(esc(s.why()))
                            .append("</td></tr>");
                }
                b.append("</table></details></td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table>\n<h2>Places</h2>\n<dl>\n");
        for (Place p : places) {
            b.append("<dt>").append(esc(p.name())).append("</dt><dd>")
                    .append(esc(p.profile().map(x -> x.description()).orElse(p.target().summary())));
            p.profile().ifPresent(x -> x.sources().forEach(s -> b.append("<br><small>source: ").append(esc(s))
                    .append("</small>")));
            p.target().notes().forEach(n -> b.append("<br><small>").append(esc(n)).append("</small>"));
            b.append("</dd>\n");
        }
        b.append("</dl>\n</body></html>\n");
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
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
