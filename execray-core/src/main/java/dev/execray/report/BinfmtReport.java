package dev.execray.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.execray.place.BinfmtEntry;
import dev.execray.place.BinfmtFlag;
import dev.execray.place.BinfmtRegistry;

/** Renders binfmt_misc registries and entries. */
public final class BinfmtReport {
    private BinfmtReport() {
    }

    public static String registry(BinfmtRegistry r, Style style) {
        StringBuilder b = new StringBuilder();
        b.append(r.source()).append(": ").append(r.entries().size()).append(" entr")
                .append(r.entries().size() == 1 ? "y" : "ies").append(r.enabled() ? "" : style.bad(", registry DISABLED"))
                .append(" (tried in this order)\n");
        int w = 4;
        for (BinfmtEntry e : r.entries()) {
            w = Math.max(w, e.name().length());
        }
        int i = 1;
        for (BinfmtEntry e : r.entries()) {
            String what = e.kind() == BinfmtEntry.Kind.EXTENSION ? "extension ." + e.magic().utf8()
                    : "magic " + e.magic().toReadable() + (e.offset() != 0 ? " @" + e.offset() : "")
                            + (e.mask().isPresent() ? " mask " + e.mask().get().toHex() : "");
            String flags = BinfmtFlag.letters(e.flags());
            b.append(String.format("  %2d %-" + w + "s  %-8s  %-4s  %s%n", i++, e.name(),
                    e.enabled() ? "enabled" : "disabled", flags.isEmpty() ? "-" : flags, e.interpreter()));
            b.append("     ").append(style.dim(what)).append('\n');
        }
        for (BinfmtRegistry.Problem p : r.problems()) {
            b.append("  ").append(style.bad(p.errnoName())).append(' ').append(p.where()).append(": ").append(p.reason())
                    .append('\n');
        }
        return b.toString();
    }

    public static ObjectNode entryJson(BinfmtEntry e) {
        ObjectNode o = Json.object();
        o.put("name", e.name());
        o.put("type", e.kind() == BinfmtEntry.Kind.MAGIC ? "magic" : "extension");
        o.put("enabled", e.enabled());
        if (e.kind() == BinfmtEntry.Kind.MAGIC) {
            o.put("offset", e.offset());
            o.put("magic", e.magic().toHex());
            if (e.mask().isPresent()) {
                o.put("mask", e.mask().get().toHex());
            } else {
                o.putNull("mask");
            }
        } else {
            o.put("extension", e.magic().utf8());
        }
        o.put("interpreter", e.interpreter());
        o.put("flags", BinfmtFlag.letters(e.flags()));
        o.put("registration", e.toRegistration());
        return o;
    }

    public static ObjectNode registryJson(BinfmtRegistry r) {
        ObjectNode o = Json.object();
        o.put("source", r.source());
        o.put("enabled", r.enabled());
        ArrayNode es = o.putArray("entries");
        r.entries().forEach(e -> es.add(entryJson(e)));
        ArrayNode ps = o.putArray("problems");
        for (BinfmtRegistry.Problem p : r.problems()) {
            ObjectNode po = ps.addObject();
            po.put("where", p.where());
            po.put("errno", p.errnoName());
            po.put("reason", p.reason());
        }
        return o;
    }
}
