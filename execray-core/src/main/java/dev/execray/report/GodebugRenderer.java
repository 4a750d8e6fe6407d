package dev.execray.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.execray.golang.GodebugCheck;
import dev.execray.golang.GodebugCheck.Entry;
import dev.execray.runtime.GodebugGate;
import java.util.ArrayList;
import java.util.List;

/** Renders a GODEBUG verdict: the verdict line first, then one aligned line per setting. */
public final class GodebugRenderer {
    private GodebugRenderer() {
    }

    public static String text(GodebugCheck.Report r) {
        StringBuilder sb = new StringBuilder();
        long n = r.problems();
        sb.append(n == 0 ? "\u2713 " : "\u2717 ").append("GODEBUG \"").append(r.godebug()).append("\" for Go ")
                .append(r.goVersion().shortName()).append(": ")
                .append(n == 0 ? "all settings known and valid" : n + (n == 1 ? " problem" : " problems")).append('\n');
        int w = r.entries().stream().mapToInt(e -> e.text().length()).max().orElse(0);
        int ws = r.entries().stream().mapToInt(e -> e.status().label().length()).max().orElse(0);
        for (Entry e : r.entries()) {
            sb.append("  ").append(e.ok() ? "\u2713 " : "\u2717 ").append(pad(e.text(), w)).append("  ")
                    .append(pad(e.status().label(), ws)).append("  ");
            sb.append(e.ok() ? e.meaning() : e.message());
            sb.append('\n');
            if (!e.ok() && !e.meaning().isEmpty()) {
                sb.append("  ").append(" ".repeat(2 + w + 2 + ws + 2)).append(e.meaning()).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * {@code runtime capture}'s check of its GODEBUG: a line per warning, then when the setting is refused a line
     * per error, saying which Go release it was checked against.
     */
    public static List<String> gate(GodebugGate.Verdict gate) {
        String against = (gate.fromProgram() ? "the program's Go " : "Go ") + gate.checkedAgainst().shortName()
                + (gate.fromProgram() ? "" : " (the program's release could not be read)");
        List<String> lines = new ArrayList<>();
        gate.warnings().forEach(e -> lines.add("GODEBUG \"" + e.text() + "\": " + e.message()));
        if (!gate.ok()) {
            gate.errors().forEach(e -> lines.add("GODEBUG \"" + e.text() + "\": " + e.message() + " (checked against "
                    + against + ")"));
        }
        return lines;
    }

    public static ObjectNode json(GodebugCheck.Report r) {
        ObjectNode o = Json.object();
        o.put("godebug", r.godebug());
        o.put("goVersion", r.goVersion().toString());
        o.put("ok", r.ok());
        o.put("problems", r.problems());
        ArrayNode a = o.putArray("settings");
        for (Entry e : r.entries()) {
            ObjectNode s = a.addObject();
            s.put("text", e.text());
            s.put("key", e.key());
            s.put("value", e.value());
            s.put("status", e.status().name().toLowerCase(java.util.Locale.ROOT));
            s.put("ok", e.ok());
            if (!e.message().isEmpty()) {
                s.put("message", e.message());
            }
            s.put("meaning", e.meaning());
            ArrayNode sug = s.putArray("suggestions");
            e.suggestions().forEach(sug::add);
        }
        return o;
    }

    static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }
}
