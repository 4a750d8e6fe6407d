package dev.execray.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.execray.golang.FunctionTable;
import dev.execray.golang.GoFunction;
import dev.execray.golang.GoSummary;
import java.util.List;
import java.util.Optional;

/** Renders the Go summary and function tables: the answer line first, then aligned facts. */
public final class GoSummaryRenderer {
    private GoSummaryRenderer() {
    }

    public static String text(String file, GoSummary s) {
        StringBuilder sb = new StringBuilder();
        String unknown = s.notes().stream().filter(n -> n.startsWith(GoSummary.NARROWED))
                .findFirst().map(n -> "Go (version unknown: " + n.substring(GoSummary.NARROWED.length())
                        + ")").orElse("Go (version unknown)");
        sb.append(file).append(": ").append(s.goVersion().isEmpty() ? unknown : s.goVersion())
                .append(' ').append(s.goos()).append('/').append(s.goarch())
                .append(s.recoveredMark()).append('\n');
        row(sb, "build info", s.provenance().description());
        if (!s.mainPath().isEmpty()) {
            row(sb, "main", s.mainPath() + (s.mainModuleVersion().isEmpty() ? "" : " " + s.mainModuleVersion()));
        }
        row(sb, "cgo", s.cgo().map(b -> b ? "enabled (CGO_ENABLED=1)" : "disabled (CGO_ENABLED=0)").orElse("unknown"));
        row(sb, "linked", (s.dynamicallyLinked() ? "dynamically" : "statically")
                + s.interpreter().map(i -> ", interpreter " + i).orElse("")
                + (s.libraries().isEmpty() ? "" : ", needs " + String.join(" ", s.libraries())));
        row(sb, "linker", s.linking().label());
        row(sb, "stripped", s.stripped() ? "yes (no symbol table, no DWARF)" : "no");
        row(sb, "PIE", s.pie() ? "yes" : "no");
        row(sb, "race", s.race() ? "yes (-race)" : "no");
        s.archLevel().ifPresent(l -> row(sb, "arch level", l));
        s.goBuildId().ifPresent(v -> row(sb, "Go build ID", v));
        s.gnuBuildId().ifPresent(v -> row(sb, "GNU build ID", v));
        if (s.vcsRevision().isPresent()) {
            row(sb, "VCS", s.vcs().orElse("") + " " + s.vcsRevision().get() + s.vcsTime().map(t -> " " + t).orElse("")
                    + s.vcsModified().map(m -> m ? " (modified)" : " (clean)").orElse(""));
        }
        row(sb, "trimpath", s.trimpath() ? "yes" : "no");
        s.defaultGodebug().ifPresent(v -> row(sb, "DefaultGODEBUG", v));
        s.release().ifPresent(r -> row(sb, "needs", "Linux \u2265 " + r.minimumOs().linuxKernel() + ", macOS \u2265 "
                + r.minimumOs().macos() + ", Windows \u2265 " + r.minimumOs().windows() + ", FreeBSD \u2265 "
                + r.minimumOs().freebsd() + " (Go " + r.version().shortName() + ")"));
        for (String n : s.notes()) {
            sb.append("  note: ").append(n).append('\n');
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String k, String v) {
        sb.append("  ").append(GodebugRenderer.pad(k, 15)).append(v).append('\n');
    }

    public static ObjectNode json(String file, GoSummary s) {
        ObjectNode o = Json.object();
        o.put("file", file);
        o.put("goVersion", s.goVersion());
        o.put("buildInfo", s.provenance().name().toLowerCase(java.util.Locale.ROOT));
        o.put("recovered", s.provenance() == dev.execray.golang.GoBuildInfo.Provenance.RECOVERED);
        o.put("goos", s.goos());
        o.put("goarch", s.goarch());
        put(o, "cgo", s.cgo());
        o.put("dynamicallyLinked", s.dynamicallyLinked());
        put(o, "interpreter", s.interpreter());
        ArrayNode libs = o.putArray("libraries");
        s.libraries().forEach(libs::add);
        o.put("linking", s.linking().name().toLowerCase(java.util.Locale.ROOT));
        o.put("stripped", s.stripped());
        o.put("pie", s.pie());
        o.put("race", s.race());
        put(o, "archLevel", s.archLevel());
        put(o, "goBuildId", s.goBuildId());
        put(o, "gnuBuildId", s.gnuBuildId());
        put(o, "vcs", s.vcs());
        put(o, "vcsRevision", s.vcsRevision());
        put(o, "vcsTime", s.vcsTime());
        put(o, "vcsModified", s.vcsModified());
        o.put("trimpath", s.trimpath());
        put(o, "defaultGodebug", s.defaultGodebug());
        o.put("mainPath", s.mainPath());
        o.put("mainModuleVersion", s.mainModuleVersion());
        s.release().ifPresent(r -> {
            ObjectNode m = o.putObject("minimumOs");
            m.put("goRelease", r.version().shortName());
            m.put("linuxKernel", r.minimumOs().linuxKernel());
            m.put("macos", r.minimumOs().macos());
            m.put("windows", r.minimumOs().windows());
            m.put("freebsd", r.minimumOs().freebsd());
        });
        ArrayNode notes = o.putArray("notes");
        s.notes().forEach(notes::add);
        return o;
    }

    private static void put(ObjectNode o, String k, Optional<?> v) {
        if (v.isEmpty()) {
            o.putNull(k);
        } else if (v.get() instanceof Boolean b) {
            o.put(k, b);
        } else {
            o.put(k, v.get().toString());
        }
    }

    /** Streams the function table as text: it can hold hundreds of thousands of functions. */
    public static void functionsText(PrintWriter out, String file, FunctionTable t, Optional<List<GoFunction>> initOrder) {
        out.append(file).append(": ").append(String.valueOf(t.functions().size())).append(" functions, pclntab ")
                .append(t.version().since()).append(" layout, found by ").append(t.location()).append('\n');
        for (String n : t.notes()) {
            out.append("  note: ").append(n).append('\n');
        }
        int hex = t.pointerSize() * 2;
        StringBuilder line = new StringBuilder(160);
        for (GoFunction f : t.functions()) {
            line.setLength(0);
            String addr = Long.toHexString(f.entry());
            for (int i = addr.length(); i < hex; i++) {
                line.append('0');
            }
            line.append(addr).append(' ');
            String size = f.size().map(String::valueOf).orElse("?");
            for (int i = size.length(); i < 8; i++) {
                line.append(' ');
            }
            line.append(size).append("  ").append(f.name());
            if (!f.file().isEmpty()) {
                line.append("  ").append(f.file()).append(':').append(f.line());
            }
            out.append(line).append('\n');
        }
        out.append("packages (").append(String.valueOf(t.packages().size())).append("):\n");
        t.packages().forEach(p -> out.append("  ").append(p).append('\n'));
        if (initOrder.isPresent()) {
            out.append("init functions, in the order the runtime runs them (from its init tasks):\n");
            initOrder.get().forEach(f -> out.append("  ").append(f.name()).append('\n'));
        } else {
            out.append("init functions, in text order (the runtime's init tasks were not found in the file):\n");
            t.initFunctions().forEach(f -> out.append("  ").append(f.name()).append('\n'));
        }
    }

    /** Streams one file's function table as a JSON object through {@code g}. */
    public static void functionsJson(JsonGenerator g, String file, FunctionTable t, Optional<List<GoFunction>> initOrder)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("file", file);
        g.writeStringField("pclntab", t.version().since());
        g.writeStringField("location", t.location());
        g.writeNumberField("fileOffset", t.fileOffset());
        g.writeNumberField("pointerSize", t.pointerSize());
        g.writeNumberField("pcQuantum", t.pcQuantum());
        g.writeNumberField("textStart", t.textStart());
        g.writeArrayFieldStart("functions");
        for (GoFunction f : t.functions()) {
            g.writeStartObject();
            g.writeStringField("name", f.name());
            g.writeNumberField("entry", f.entry());
            if (f.size().isPresent()) {
                g.writeNumberField("size", f.size().get());
            }
            g.writeStringField("file", f.file());
            g.writeNumberField("line", f.line());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("packages");
        for (String p : t.packages()) {
            g.writeString(p);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("initFunctions");
        for (GoFunction f : initOrder.orElse(t.initFunctions())) {
            g.writeString(f.name());
        }
        g.writeEndArray();
        g.writeStringField("initOrder", initOrder.isPresent() ? "runtime" : "text");
        g.writeArrayFieldStart("notes");
        for (String n : t.notes()) {
            g.writeString(n);
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
