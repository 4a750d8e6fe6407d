package dev.execray.scan;

import com.fasterxml.jackson.databind.MappingJsonFactory;
import dev.execray.report.JsonEscapes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.execray.hardening.Fortify;
import dev.execray.hardening.Hardening;
import dev.execray.hardening.Pie;
import dev.execray.hardening.Relro;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One {@link InputResult} as one JSON line, and back, losslessly: the portable form a fleet scan writes beside its
 * Parquet tables, so that {@code execray scan --import} loads a fleet scan into the store with the JSON library the
 * core already has, instead of pulling Parquet and Hadoop into the CLI. Every field of the records is written; a line
 * that does not have the shape is refused with {@link IllegalArgumentException}, never half read.
 *
 * <p>A line is {@code {"index": N, "result": {...}}}: {@code index} is the input's position in the fleet's list, the
 * order a single-machine scan would have written the inputs in.
 */
public final class ResultLines {
    // name bytes that are not UTF-8 kept as the escape udcNN (report.JsonEscapes), as in all JSON execray writes
    private static final ObjectMapper M = new ObjectMapper(JsonEscapes.on(new MappingJsonFactory()));

    private ResultLines() {
    }

    /** An input's position in its scan's list of inputs, and its result. */
    public record Line(int index, InputResult result) {
    }

    public static String write(int index, InputResult r) {
        ObjectNode o = M.createObjectNode();
        o.put("index", index);
        o.set("result", result(r));
        try {
            return M.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws IllegalArgumentException when the line is not one {@link #write} wrote */
    public static Line read(String line) {
        JsonNode o;
        try {
            o = M.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (o == null || !o.isObject() || !o.path("index").isInt() || !o.path("result").isObject()) {
            throw new IllegalArgumentException("not a fleet result line (needs index and result)");
        }
        return new Line(o.get("index").asInt(), result(o.get("result")));
    }

    private static ObjectNode result(InputResult r) {
        ObjectNode o = M.createObjectNode();
        o.put("name", r.name());
        o.put("kind", r.kind());
        o.put("base", r.base());
        o.put("root", r.root());
        o.put("platform", r.platform());
        o.set("places", strings(r.places()));
        ArrayNode files = o.putArray("files");
        for (FileRecord f : r.files()) {
            files.add(file(f));
        }
        o.set("errors", strings(r.errors()));
        o.set("notes", strings(r.notes()));
        o.put("millis", r.millis());
        // what came from earlier scans, and the stamps the store keeps for the next scan (docs/scan.md)
        ReuseStats u = r.reuse();
        ObjectNode ru = o.putObject("reuse");
        ru.put("analysed", u.analysed());
        ru.put("reused", u.reused());
        ru.put("notRead", u.notRead());
        ru.put("wholeInput", u.wholeInput());
        u.fingerprint().ifPresent(fp -> ru.put("fingerprint", fp));
        ru.put("fortifyKey", u.fortifyKey());
        ObjectNode stamps = ru.putObject("stamps");
        new java.util.TreeMap<>(u.stamps()).forEach((path, st) -> stamps.putArray(path).add(st.device()).add(st.inode())
                .add(st.size()).add(st.mtimeNanos()).add(st.ctimeNanos()));
        // what a tree's verdicts read (schema 5), so an imported scan lets the next local scan reuse them too
        ru.put("verdictsReused", u.verdictsReused());
        u.factsKey().ifPresent(k -> ru.put("factsKey", k));
        ObjectNode deps = ru.putObject("deps");
        new java.util.TreeMap<>(u.deps()).forEach(deps::put);
        ObjectNode own = ru.putObject("ownReads");
        new java.util.TreeMap<>(u.ownReads()).forEach((k, v) -> own.set(k, strings(v)));
        ObjectNode pkg = ru.putObject("packageDeps");
        new java.util.TreeMap<>(u.packageDeps()).forEach(pkg::put);
        ru.put("packageSource", u.packageSource());
        u.verdictOutcome().ifPresent(v -> ru.put("verdictOutcome", v));
        return o;
    }

    private static ObjectNode file(FileRecord f) {
        ObjectNode o = M.createObjectNode();
        o.put("path", f.path());
        o.put("size", f.size());
        o.put("mode", f.mode());
        o.put("sha256", f.sha256());
        o.put("format", f.format());
        o.put("arch", f.arch());
        o.put("os", f.os());
        o.put("type", f.type());
        f.interpreter().ifPresent(v -> o.put("interpreter", v));
        f.soname().ifPresent(v -> o.put("soname", v));
        o.set("needed", strings(f.needed()));
        f.glibc().ifPresent(v -> o.put("glibc", v));
        ArrayNode vs = o.putArray("verdicts");
        for (VerdictRecord v : f.verdicts()) {
            ObjectNode n = vs.addObject();
            n.put("place", v.place());
            n.put("status", v.status());
            n.put("reason", v.reason());
            v.errno().ifPresent(e -> n.put("errno", e));
        }
        f.hardening().ifPresent(h -> o.set("hardening", hardening(h)));
        f.go().ifPresent(g -> {
            ObjectNode n = o.putObject("go");
            n.put("goVersion", g.goVersion());
            n.put("recovered", g.recovered());
            n.put("mainPath", g.mainPath());
            n.put("mainVersion", g.mainVersion());
            ArrayNode ms = n.putArray("modules");
            for (GoInfo.Module m : g.modules()) {
                ms.addObject().put("path", m.path()).put("version", m.version()).put("sum", m.sum());
            }
        });
        o.set("problems", strings(f.problems()));
        f.owner().ifPresent(p -> o.putObject("owner").put("name", p.name()).put("version", p.version())
                .put("arch", p.arch()).put("purl", p.purl()));
        ArrayNode rs = o.putArray("resolved");
        for (LibraryResolution r : f.resolved()) {
            ObjectNode n = rs.addObject();
            n.put("name", r.name());
            r.path().ifPresent(v -> n.put("path", v));
            n.put("how", r.how());
        }
        return o;
    }

    private static ObjectNode hardening(Hardening h) {
        ObjectNode o = M.createObjectNode();
        if (h instanceof Hardening.Elf e) {
            o.put("format", "ELF");
            o.put("relro", e.relro().label());
            o.put("canary", e.canary());
            o.put("nx", e.nx());
            o.put("pie", e.pie().name());
            o.put("fortifyAny", e.fortify().any());
            o.put("fortified", e.fortify().fortified());
            o.put("unchecked", e.fortify().unchecked());
            o.set("rpath", strings(e.rpath()));
            o.set("runpath", strings(e.runpath()));
            o.set("riskyPaths", strings(e.riskyPaths()));
            o.put("ibt", e.ibt());
            o.put("shstk", e.shstk());
            o.put("stripped", e.stripped());
            o.put("writableExec", e.writableExec());
            o.put("executableStack", e.executableStack());
        } else if (h instanceof Hardening.Pe p) {
            o.put("format", "PE");
            o.put("dynamicBase", p.dynamicBase());
            o.put("highEntropyVa", p.highEntropyVa());
            o.put("nxCompat", p.nxCompat());
            o.put("guardCf", p.guardCf());
            o.put("noSeh", p.noSeh());
            o.put("forceIntegrity", p.forceIntegrity());
            o.put("signed", p.signed());
        } else if (h instanceof Hardening.MachO m) {
            o.put("format", "Mach-O");
            o.put("pie", m.pie().name());
            o.put("canary", m.canary());
            o.put("nxStack", m.nxStack());
            o.put("nxHeap", m.nxHeap());
            o.put("arc", m.arc());
            o.put("fortified", m.fortified());
            o.put("restrict", m.restrict());
            o.put("encrypted", m.encrypted());
            o.put("codeSignature", m.codeSignature());
            o.put("hardenedRuntime", m.hardenedRuntime());
            o.set("rpath", strings(m.rpath()));
        }
        return o;
    }

    private static ArrayNode strings(List<String> l) {
        ArrayNode a = M.createArrayNode();
        l.forEach(a::add);
        return a;
    }

    // --- reading -------------------------------------------------------------------------------

    private static InputResult result(JsonNode o) {
        List<FileRecord> files = new ArrayList<>();
        for (JsonNode f : array(o, "files")) {
            files.add(file(f));
        }
        return new InputResult(text(o, "name"), text(o, "kind"), text(o, "base"), text(o, "root"), text(o, "platform"),
                strings(o, "places"), files, strings(o, "errors"), strings(o, "notes"), number(o, "millis"),
                o.has("reuse") ? reuse(o.get("reuse")) : ReuseStats.fresh(files.size()));
    }

    private static ReuseStats reuse(JsonNode o) {
        if (!o.isObject()) {
            throw new IllegalArgumentException("reuse: not an object");
        }
        java.util.Map<String, FileStamp> stamps = new java.util.HashMap<>();
        JsonNode st = o.get("stamps");
        if (st == null || !st.isObject()) {
            throw new IllegalArgumentException("stamps: missing or not an object");
        }
        for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> it = st.fields(); it.hasNext(); ) {
            java.util.Map.Entry<String, JsonNode> e = it.next();
            JsonNode a = e.getValue();
            if (!a.isArray() || a.size() != 5) {
                throw new IllegalArgumentException("stamps: " + e.getKey() + " is not [device, inode, size, mtime, ctime]");
            }
            long[] v = new long[5];
            for (int i = 0; i < 5; i++) {
                if (!a.get(i).isIntegralNumber() || !a.get(i).canConvertToLong()) {
                    throw new IllegalArgumentException("stamps: " + e.getKey() + " holds a non-integer");
                }
                v[i] = a.get(i).asLong();
            }
            stamps.put(e.getKey(), new FileStamp(v[0], v[1], v[2], v[3], v[4]));
        }
        if (!o.has("deps")) {
            // lines written before verdict dependencies were kept
            return new ReuseStats(count(o, "analysed"), count(o, "reused"), count(o, "notRead"), bool(o, "wholeInput"),
                    optional(o, "fingerprint"), text(o, "fortifyKey"), stamps);
        }
        java.util.Map<String, List<String>> own = new java.util.HashMap<>();
        JsonNode ownNode = object(o, "ownReads");
        for (java.util.Map.Entry<String, JsonNode> e : ownNode.properties()) {
            if (!e.getValue().isArray()) {
                throw new IllegalArgumentException("ownReads: " + e.getKey() + " is not an array");
            }
            List<String> paths = new ArrayList<>();
            for (JsonNode p : e.getValue()) {
                if (!p.isTextual()) {
                    throw new IllegalArgumentException("ownReads: " + e.getKey() + " holds a non-string");
                }
                paths.add(p.asText());
            }
            own.put(e.getKey(), paths);
        }
        return new ReuseStats(count(o, "analysed"), count(o, "reused"), count(o, "notRead"), bool(o, "wholeInput"),
                optional(o, "fingerprint"), text(o, "fortifyKey"), stamps, count(o, "verdictsReused"),
                optional(o, "factsKey"), textMap(object(o, "deps"), "deps"), own,
                textMap(object(o, "packageDeps"), "packageDeps"), text(o, "packageSource"),
                optional(o, "verdictOutcome"), java.util.Map.of()); // a fleet records no walk: never a quiet directory
    }

    private static JsonNode object(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException(field + ": missing or not an object");
        }
        return n;
    }

    private static java.util.Map<String, String> textMap(JsonNode o, String what) {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        for (java.util.Map.Entry<String, JsonNode> e : o.properties()) {
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException(what + ": " + e.getKey() + " is not a string");
            }
            m.put(e.getKey(), e.getValue().asText());
        }
        return m;
    }

    private static int count(JsonNode o, String field) {
        long n = number(o, field);
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(field + ": out of range");
        }
        return (int) n;
    }

    private static FileRecord file(JsonNode o) {
        List<VerdictRecord> verdicts = new ArrayList<>();
        for (JsonNode v : array(o, "verdicts")) {
            verdicts.add(new VerdictRecord(text(v, "place"), text(v, "status"), text(v, "reason"), optional(v, "errno")));
        }
        Optional<Hardening> hardening = o.has("hardening") ? Optional.of(hardening(o.get("hardening"))) : Optional.empty();
        Optional<GoInfo> go = Optional.empty();
        if (o.has("go")) {
            JsonNode g = o.get("go");
            List<GoInfo.Module> mods = new ArrayList<>();
            for (JsonNode m : array(g, "modules")) {
                mods.add(new GoInfo.Module(text(m, "path"), text(m, "version"), text(m, "sum")));
            }
            go = Optional.of(new GoInfo(text(g, "goVersion"), bool(g, "recovered"), text(g, "mainPath"),
                    text(g, "mainVersion"), mods));
        }
        Optional<OsPackage> owner = Optional.empty();
        if (o.has("owner")) {
            JsonNode p = o.get("owner");
            owner = Optional.of(new OsPackage(text(p, "name"), text(p, "version"), text(p, "arch"), text(p, "purl")));
        }
        List<LibraryResolution> resolved = new ArrayList<>();
        // absent in lines written before library resolutions were kept
        if (o.has("resolved")) {
            for (JsonNode r : array(o, "resolved")) {
                resolved.add(new LibraryResolution(text(r, "name"), optional(r, "path"), text(r, "how")));
            }
        }
        long mode = number(o, "mode");
        return new FileRecord(text(o, "path"), number(o, "size"), (int) mode, text(o, "sha256"), text(o, "format"),
                text(o, "arch"), text(o, "os"), text(o, "type"), optional(o, "interpreter"), optional(o, "soname"),
                strings(o, "needed"), optional(o, "glibc"), verdicts, hardening, go, strings(o, "problems"), owner,
                resolved);
    }

    private static Hardening hardening(JsonNode o) {
        String format = text(o, "format");
        if (format.equals("Mach-O")) {
            return new Hardening.MachO(pie(o), bool(o, "canary"), bool(o, "nxStack"), bool(o, "nxHeap"), bool(o, "arc"),
                    (int) number(o, "fortified"), bool(o, "restrict"), bool(o, "encrypted"), bool(o, "codeSignature"),
                    bool(o, "hardenedRuntime"), strings(o, "rpath"));
        }
        if (format.equals("PE")) {
            return new Hardening.Pe(bool(o, "dynamicBase"), bool(o, "highEntropyVa"), bool(o, "nxCompat"),
                    bool(o, "guardCf"), bool(o, "noSeh"), bool(o, "forceIntegrity"), bool(o, "signed"));
        }
        return new Hardening.Elf(Relro.of(text(o, "relro")), bool(o, "canary"), bool(o, "nx"), pie(o),
                new Fortify(bool(o, "fortifyAny"), (int) number(o, "fortified"), (int) number(o, "unchecked")),
                strings(o, "rpath"), strings(o, "runpath"), strings(o, "riskyPaths"), bool(o, "ibt"), bool(o, "shstk"),
                bool(o, "stripped"), bool(o, "writableExec"), bool(o, "executableStack"));
    }

    private static Pie pie(JsonNode o) {
        try {
            return Pie.valueOf(text(o, "pie"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hardening.pie: not a PIE kind: " + text(o, "pie"));
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException(field + ": missing or not a string");
        }
        return n.asText();
    }

    private static Optional<String> optional(JsonNode o, String field) {
        return o.has(field) ? Optional.of(text(o, field)) : Optional.empty();
    }

    private static long number(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new IllegalArgumentException(field + ": missing or not an integer");
        }
        return n.asLong();
    }

    private static boolean bool(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isBoolean()) {
            throw new IllegalArgumentException(field + ": missing or not true/false");
        }
        return n.asBoolean();
    }

    private static JsonNode array(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isArray()) {
            throw new IllegalArgumentException(field + ": missing or not an array");
        }
        return n;
    }

    private static List<String> strings(JsonNode o, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : array(o, field)) {
            if (!s.isTextual()) {
                throw new IllegalArgumentException(field + ": not an array of strings");
            }
            out.add(s.asText());
        }
        return out;
    }
}
