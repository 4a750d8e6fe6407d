package dev.execray.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.execray.binary.FormatProblem;
import dev.execray.binary.wasm.WasmDataSegment;
import dev.execray.binary.wasm.WasmExport;
import dev.execray.binary.wasm.WasmFile;
import dev.execray.binary.wasm.WasmImport;
import dev.execray.binary.wasm.WasmSection;
import dev.execray.binary.xcoff.LoaderSection;
import dev.execray.binary.xcoff.XcoffFile;
import dev.execray.binary.xcoff.XcoffSection;
import dev.execray.binary.xcoff.XcoffSectionType;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code execray inspect} for XCOFF (AIX) and WebAssembly: a summary line (what it is, what hosts it, what it
 * needs), the section table, and the problems met; JSON carries the same facts.
 */
public final class XcoffWasmReport {
    private XcoffWasmReport() {
    }

    public static void xcoffText(String path, XcoffFile x, PrintWriter out) {
        String kind = (x.header().flags() & 0x2000) != 0 ? "shared object"
                : (x.header().flags() & 0x0002) != 0 ? "executable" : "object";
        out.println(path + ": XCOFF" + (x.header().is64() ? "64" : "32") + " " + kind + ", " + x.machine()
                + ", AIX" + x.auxHeader().map(a -> String.format(", entry 0x%x, TOC 0x%x, modtype %s", a.entry(),
                        a.toc(), a.modtype())).orElse(""));
        x.loader().ifPresent(l -> {
            out.println("  library path   " + l.libraryPath());
            out.println("  needs          " + (l.imports().isEmpty() ? "nothing"
                    : String.join(" ", l.imports().stream().map(LoaderSection.ImportFile::display).toList())));
            out.println("  loader symbols " + l.symbols().entries().size() + " ("
                    + l.symbols().entries().stream().filter(LoaderSection.LoaderSymbol::imported).count() + " imported)");
        });
        out.println("  symbols        " + (x.hasSymbolTable() ? x.symbols().entries().size() + " in the symbol table"
                : "none (stripped)"));
        out.println("  sections");
        out.printf("    %-3s %-8s %-12s %-18s %-10s %-10s%n", "Nr", "Name", "Type", "Address", "Size", "Offset");
        int i = 1;
        for (XcoffSection s : x.xcoffSections()) {
            out.printf("    %-3d %-8s %-12s 0x%016x 0x%08x 0x%08x%n", i++, s.name(), XcoffSectionType.describe(s.flags()),
                    s.vaddr(), s.size(), s.scnptr());
        }
        problems(x.problems(), out);
    }

    public static ObjectNode xcoffJson(String path, XcoffFile x) {
        ObjectNode o = Json.object();
        o.put("path", path);
        o.put("format", "xcoff");
        o.put("class", x.header().is64() ? "XCOFF64" : "XCOFF32");
        o.put("machine", x.machine());
        o.put("flags", x.header().flags());
        x.auxHeader().ifPresent(a -> {
            o.put("entry", a.entry());
            o.put("toc", a.toc());
            o.put("modtype", a.modtype());
        });
        x.loader().ifPresent(l -> {
            o.put("libraryPath", l.libraryPath());
            ArrayNode im = o.putArray("imports");
            l.imports().forEach(f -> im.add(f.display()));
            o.put("loaderSymbols", l.symbols().entries().size());
        });
        o.put("symbols", x.symbols().entries().size());
        ArrayNode secs = o.putArray("sections");
        for (XcoffSection s : x.xcoffSections()) {
            ObjectNode n = secs.addObject();
            n.put("name", s.name());
            n.put("type", XcoffSectionType.describe(s.flags()));
            n.put("address", s.vaddr());
            n.put("size", s.size());
            n.put("offset", s.scnptr());
        }
        problemsJson(o, x.problems());
        return o;
    }

    public static void wasmText(String path, WasmFile w, PrintWriter out) {
        out.println(path + ": " + w.machine() + (w.isComponent() ? "" : " module, version " + w.version()));
        out.println("  host           " + w.host().description());
        if (!w.isComponent()) {
            Map<String, Integer> perModule = new LinkedHashMap<>();
            w.imports().entries().forEach(i -> perModule.merge(i.module(), 1, Integer::sum));
            out.println("  imports        " + (perModule.isEmpty() ? "none" : String.join(", ",
                    perModule.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").toList())));
            out.println("  exports        " + String.join(", ", w.exports().entries().stream()
                    .map(e -> e.name() + " (" + e.kind().specName() + ")").limit(20).toList())
                    + (w.exports().entries().size() > 20 ? ", ..." : ""));
            List<WasmDataSegment> d = w.dataSegments().entries();
            out.println("  data           " + d.size() + " segments, " + d.stream().mapToLong(WasmDataSegment::size).sum()
                    + " bytes");
        }
        out.println("  sections");
        for (WasmSection s : w.wasmSections()) {
            out.printf("    %-10s 0x%08x %10d%s%n", s.idName(), s.payloadOffset(), s.payloadSize(),
                    s.id() == 0 ? "  \"" + s.name() + "\"" : "");
        }
        problems(w.problems(), out);
    }

    public static ObjectNode wasmJson(String path, WasmFile w) {
        ObjectNode o = Json.object();
        o.put("path", path);
        o.put("format", "wasm");
        o.put("version", w.version());
        o.put("component", w.isComponent());
        o.put("host", w.host().name().toLowerCase(java.util.Locale.ROOT));
        o.put("hostDescription", w.host().description());
        ArrayNode im = o.putArray("imports");
        for (WasmImport i : w.imports().entries()) {
            ObjectNode n = im.addObject();
            n.put("module", i.module());
            n.put("name", i.name());
            n.put("kind", i.kind().specName());
            n.put("type", i.description());
        }
        ArrayNode ex = o.putArray("exports");
        for (WasmExport e : w.exports().entries()) {
            ObjectNode n = ex.addObject();
            n.put("name", e.name());
            n.put("kind", e.kind().specName());
            n.put("index", e.index());
        }
        o.put("dataSegments", w.dataSegments().entries().size());
        ArrayNode secs = o.putArray("sections");
        for (WasmSection s : w.wasmSections()) {
            ObjectNode n = secs.addObject();
            n.put("id", s.idName());
            if (s.id() == 0) {
                n.put("name", s.name());
            }
            n.put("offset", s.payloadOffset());
            n.put("size", s.payloadSize());
        }
        problemsJson(o, w.problems());
        return o;
    }

    private static void problems(List<FormatProblem> problems, PrintWriter out) {
        for (FormatProblem p : problems) {
            out.println("  problem: " + p.message());
        }
    }

    private static void problemsJson(ObjectNode o, List<FormatProblem> problems) {
        ArrayNode a = o.putArray("problems");
        for (FormatProblem p : problems) {
            ObjectNode n = a.addObject();
            n.put("structure", p.structure());
            n.put("offset", p.offset());
            n.put("message", p.detail());
        }
    }
}
