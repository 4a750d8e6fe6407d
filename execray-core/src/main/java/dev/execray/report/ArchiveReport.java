package dev.execray.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.execray.binary.FormatProblem;
import dev.execray.binary.archive.ArchiveFile;
import java.io.PrintWriter;

/**
 * A static archive in {@code inspect}: its kind, its members as {@code ar tv} lists them (name, size,
 * file offset of the header) and the size of its symbol index; JSON adds each index entry with the
 * member defining it, as {@code nm --print-armap} prints them.
 */
public final class ArchiveReport {
    private ArchiveReport() {
    }

    public static void text(String path, ArchiveFile a, PrintWriter out) {
        out.println(Escape.text(path + ": " + (a.thin() ? "thin static archive" : "static archive") + ", "
                + a.members().size() + " member" + (a.members().size() == 1 ? "" : "s") + ", "
                + a.index().size() + " symbol" + (a.index().size() == 1 ? "" : "s") + " in the index"));
        for (ArchiveFile.Member m : a.members()) {
            out.println(Escape.text(String.format("  member  %-32s %10d bytes%s at 0x%x", m.name(), m.size(),
                    m.external() ? " (external)" : "", m.headerOffset())));
        }
        for (FormatProblem p : a.problems()) {
            out.println(Escape.text("  problem: " + p.message()));
        }
    }

    public static ObjectNode json(String path, ArchiveFile a) {
        ObjectNode o = Json.object();
        o.put("path", path);
        o.put("format", "archive");
        o.put("thin", a.thin());
        ArrayNode members = o.putArray("members");
        for (ArchiveFile.Member m : a.members()) {
            ObjectNode n = members.addObject();
            n.put("name", m.name());
            n.put("offset", m.headerOffset());
            n.put("size", m.size());
            n.put("external", m.external());
        }
        ArrayNode index = o.putArray("index");
        for (ArchiveFile.IndexEntry e : a.index()) {
            ObjectNode n = index.addObject();
            n.put("symbol", e.symbol());
            n.put("memberOffset", e.memberOffset());
            a.memberAt(e.memberOffset()).ifPresent(m -> n.put("member", m.name()));
        }
        ArrayNode problems = o.putArray("problems");
        for (FormatProblem p : a.problems()) {
            ObjectNode n = problems.addObject();
            n.put("structure", p.structure());
            n.put("offset", p.offset());
            n.put("detail", p.detail());
        }
        return o;
    }
}
