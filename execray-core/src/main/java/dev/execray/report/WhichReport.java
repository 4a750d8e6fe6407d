package dev.execray.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.execray.exec.lookup.LookupCandidate;
import dev.execray.exec.lookup.LookupResult;
import dev.execray.place.Target;
import java.util.List;

/** Renders PATH searches: per rule, the result first, then every candidate and what was decided. */
public final class WhichReport {
    private WhichReport() {
    }

    public static String text(String name, Target t, List<LookupResult> results, Style style) {
        StringBuilder b = new StringBuilder();
        b.append(style.bold(name)).append(" on ").append(t.root().describe()).append(" (").append(t.platform())
                .append(")\n");
        for (LookupResult r : results) {
            b.append('\n');
            String head = r.found().isPresent() && r.error().isEmpty() ? style.good("✓ " + r.found().get())
                    : r.found().isPresent() ? style.bad("✗ " + r.found().get() + ": " + r.error().get())
                    : style.bad("✗ " + r.error().orElse("not found"));
            b.append(r.rule().display()).append(": ").append(head).append('\n');
            int w = 10;
            for (LookupCandidate c : r.candidates()) {
                w = Math.min(60, Math.max(w, c.path().length()));
            }
            int i = 1;
            for (LookupCandidate c : r.candidates()) {
                String err = c.errno().map(Enum::name).orElse("");
                String d = c.decision().equals("taken") ? style.good(c.decision())
                        : c.decision().equals("stop") ? style.bad(c.decision()) : style.dim(c.decision());
                b.append(String.format("  %2d %-" + w + "s  %-12s ", i++, c.path(), err)).append(d);
                b.append("  ").append(style.dim(c.reason())).append('\n');
            }
            for (String n : r.notes()) {
                b.append("     ").append(style.dim("note: " + n)).append('\n');
            }
        }
        return b.toString();
    }

    public static ObjectNode json(String name, Target t, List<LookupResult> results) {
        ObjectNode o = Json.object();
        o.put("name", name);
        o.put("platform", t.platform());
        o.put("root", t.root().describe());
        ArrayNode rs = o.putArray("rules");
        for (LookupResult r : results) {
            ObjectNode ro = rs.addObject();
            ro.put("rule", r.rule().name().toLowerCase());
            ro.put("display", r.rule().display());
            if (r.found().isPresent()) {
                ro.put("found", r.found().get());
            } else {
                ro.putNull("found");
            }
            if (r.errno().isPresent()) {
                ro.put("errno", r.errno().get().name());
            } else {
                ro.putNull("errno");
            }
            if (r.error().isPresent()) {
                ro.put("error", r.error().get());
            } else {
                ro.putNull("error");
            }
            ArrayNode cs = ro.putArray("candidates");
            for (LookupCandidate c : r.candidates()) {
                ObjectNode co = cs.addObject();
                co.put("path", c.path());
                co.put("decision", c.decision());
                if (c.errno().isPresent()) {
                    co.put("errno", c.errno().get().name());
                } else {
                    co.putNull("errno");
                }
                co.put("reason", c.reason());
            }
            ArrayNode ns = ro.putArray("notes");
            r.notes().forEach(ns::add);
        }
        return o;
    }
}
