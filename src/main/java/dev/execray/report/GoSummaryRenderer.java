package dev.execray.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.execray.golang.FunctionTable;
import dev.execray.golang.GoFunction;
import dev.execray.golang.GoSummary;
import java.util.Optional;

/** Renders the Go summary and function tables: the answer line first, then aligned facts. */
public final class GoSummaryRenderer {
    private GoSummaryRenderer() {
    }

    public static String text(String file, GoSummary s) {
        StringBuilder sb = new StringBuilder();
        sb.append(file).append(": ").append(s.goVersion().isEmpty() ? "Go (version unknown)" : s.goVersion())
                .append(' ').append(s.goos()).append('/').append(s.goarch())
                .append(s.recoveredMark()).append('\n');
        row(sb, "build info", s.provenance().description());
        if (!s.mainPath().isEmpty()) {
            row(sb, "main", s.mainPath() + (s.mainModuleVersion().isEmpty() ? "" : " " + s.mainModuleVersion()));
        }
        row(sb, "cgo", s.cgo().map(b -> b ? "yes" : "no").orElse("unknown"));
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

    public static String functionsText(String file, FunctionTable t) {
        StringBuilder sb = new StringBuilder();
        sb.append(file).append(": ").append(t.functions().size()).append(" functions, pclntab ")
                .append(t.version().since()).append(" layout, found by ").append(t.location()).append('\n');
        for (String n : t.notes()) {
            sb.append("  note: ").append(n).append('\n');
        }
        int hex = t.pointerSize() * 2;
        for (GoFunction f : t.functions()) {
            sb.append(String.format("%0" + hex + "x %8s  %s", f.entry(), f.size().map(String::valueOf).orElse("?"), f.name()));
            if (!f.file().isEmpty()) {
                sb.append("  ").append(f.file()).append(':').append(f.line());
            }
            sb.append('\n');
        }
        sb.append("packages (").append(t.packages().size()).append("):\n");
        t.packages().forEach(p -> sb.append("  ").append(p).append('\n'));
        sb.append("init functions (text order):\n");
        t.initFunctions().forEach(f -> sb.append("  ").append(f.name()).append('\n'));
        return sb.toString();
    }

    public static ObjectNode functionsJson(String file, FunctionTable t) {
        ObjectNode o = Json.object();
        o.put("file", file);
        o.put("pclntab", t.version().since());
        o.put("location", t.location());
        o.put("fileOffset", t.fileOffset());
        o.put("pointerSize", t.pointerSize());
        o.put("pcQuantum", t.pcQuantum());
        o.put("textStart", t.textStart());
        ArrayNode fs = o.putArray("functions");
        for (GoFunction f : t.functions()) {
            ObjectNode j = fs.addObject();
            j.put("name", f.name());
            j.put("entry", f.entry());
            f.size().ifPresent(sz -> j.put("size", sz));
            j.put("file", f.file());
            j.put("line", f.line());
        }
        ArrayNode ps = o.putArray("packages");
        t.packages().forEach(ps::add);
        ArrayNode in = o.putArray("initFunctions");
        t.initFunctions().forEach(f -> in.add(f.name()));
        ArrayNode notes = o.putArray("notes");
        t.notes().forEach(notes::add);
        return o;
    }
}
