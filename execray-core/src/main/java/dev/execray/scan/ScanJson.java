package dev.execray.scan;

import com.fasterxml.jackson.databind.MappingJsonFactory;
import dev.execray.report.JsonEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.execray.hardening.Hardening;
import java.util.List;

/** The JSON shapes of scan results (docs/scan.md): the scan document, and SARIF 2.1.0 for CI. */
public final class ScanJson {
    // name bytes that are not UTF-8 kept as the escape udcNN (report.JsonEscapes), as in all JSON execray writes
    private static final ObjectMapper M = new ObjectMapper(JsonEscapes.on(new MappingJsonFactory()));

    private ScanJson() {
    }

    public static ObjectNode document(long scanId, List<InputResult> inputs) {
        ObjectNode o = M.createObjectNode();
        if (scanId > 0) {
            o.put("scan", scanId);
        }
        ArrayNode ins = o.putArray("inputs");
        ArrayNode files = o.putArray("files");
        for (InputResult r : inputs) {
            ObjectNode i = ins.addObject();
            i.put("name", r.name());
            i.put("kind", r.kind());
            i.put("root", r.root());
            i.put("platform", r.platform());
            i.put("files", r.files().size());
            i.put("millis", r.millis());
            // what came from earlier scans (docs/scan.md, "Reuse of earlier results")
            i.put("analysed", r.reuse().analysed());
            i.put("reused", r.reuse().reused());
            i.put("notRead", r.reuse().notRead());
            i.put("wholeInputReused", r.reuse().wholeInput());
            i.put("verdictsReused", r.reuse().verdictsReused());
            r.reuse().verdictOutcome().ifPresent(v -> i.put("verdictOutcome", v));
            r.places().forEach(i.putArray("places")::add);
            r.errors().forEach(i.putArray("errors")::add);
            r.notes().forEach(i.putArray("notes")::add);
            for (FileRecord f : r.files()) {
                files.add(file(r, f));
            }
        }
        return o;
    }

    public static ObjectNode file(InputResult r, FileRecord f) {
        ObjectNode o = M.createObjectNode();
        o.put("input", r.name());
        o.put("path", f.path());
        o.put("size", f.size());
        o.put("sha256", f.sha256());
        o.put("format", f.format());
        o.put("arch", f.arch());
        o.put("os", f.os());
        o.put("type", f.type());
        f.interpreter().ifPresent(v -> o.put("interpreter", v));
        f.soname().ifPresent(v -> o.put("soname", v));
        f.needed().forEach(o.putArray("needed")::add);
        ArrayNode res = o.putArray("resolved");
        for (LibraryResolution lr : f.resolved()) {
            ObjectNode x = res.addObject();
            x.put("name", lr.name());
            if (lr.path().isPresent()) {
                x.put("path", lr.path().get());
            } else {
                x.putNull("path");
            }
            x.put("how", lr.how());
        }
        if (f.glibc().isPresent()) {
            o.put("glibc", f.glibc().get());
        } else {
            o.putNull("glibc");
        }
        ObjectNode vs = o.putObject("verdicts");
        for (VerdictRecord v : f.verdicts()) {
            ObjectNode x = vs.putObject(v.place());
            x.put("status", v.status());
            x.put("reason", v.reason());
            v.errno().ifPresent(e -> x.put("errno", e));
        }
        if (f.hardening().isPresent()) {
            o.set("hardening", hardening(f.hardening().get()));
        } else {
            o.putNull("hardening");
        }
        f.go().ifPresent(g -> {
            ObjectNode go = o.putObject("go");
            go.put("version", g.goVersion());
            go.put("recovered", g.recovered());
            go.put("main", g.mainPath());
            go.put("mainVersion", g.mainVersion());
            ArrayNode ms = go.putArray("modules");
            for (GoInfo.Module m : g.modules()) {
                ObjectNode mo = ms.addObject();
                mo.put("path", m.path());
                mo.put("version", m.version());
                mo.put("sum", m.sum());
            }
        });
        f.problems().forEach(o.putArray("problems")::add);
        f.owner().ifPresent(p -> {
            ObjectNode po = o.putObject("package");
            po.put("name", p.name());
            po.put("version", p.version());
            po.put("arch", p.arch());
            po.put("purl", p.purl());
        });
        return o;
    }

    public static ObjectNode hardening(Hardening h) {
        ObjectNode o = M.createObjectNode();
        if (h instanceof Hardening.Elf e) {
            o.put("relro", e.relro().label());
            o.put("canary", e.canary());
            o.put("nx", e.nx());
            o.put("pie", e.pie().label());
            ObjectNode f = o.putObject("fortify");
            f.put("any", e.fortify().any());
            f.put("fortified", e.fortify().fortified());
            f.put("fortifiable", e.fortify().fortifiable());
            e.rpath().forEach(o.putArray("rpath")::add);
            e.runpath().forEach(o.putArray("runpath")::add);
            e.riskyPaths().forEach(o.putArray("riskyPaths")::add);
            o.put("ibt", e.ibt());
            o.put("shstk", e.shstk());
            o.put("stripped", e.stripped());
            o.put("writableExecutableSegment", e.writableExec());
            o.put("executableStack", e.executableStack());
        } else if (h instanceof Hardening.Pe p) {
            o.put("dynamicBase", p.dynamicBase());
            o.put("highEntropyVa", p.highEntropyVa());
            o.put("nxCompat", p.nxCompat());
            o.put("guardCf", p.guardCf());
            o.put("noSeh", p.noSeh());
            o.put("forceIntegrity", p.forceIntegrity());
            o.put("signed", p.signed());
        } else if (h instanceof Hardening.MachO m) {
            o.put("pie", m.pie().label());
            o.put("canary", m.canary());
            o.put("nxStack", m.nxStack());
            o.put("nxHeap", m.nxHeap());
            o.put("arc", m.arc());
            o.put("fortified", m.fortified());
            o.put("restrict", m.restrict());
            o.put("encrypted", m.encrypted());
            o.put("codeSignature", m.codeSignature());
            o.put("hardenedRuntime", m.hardenedRuntime());
            m.rpath().forEach(o.putArray("rpath")::add);
        }
        h.missing().forEach(o.putArray("missing")::add);
        return o;
    }

    public static ObjectNode diff(long a, long b, List<ScanDiff.Change> changes) {
        ObjectNode o = M.createObjectNode();
        o.put("from", a);
        o.put("to", b);
        o.put("regressions", changes.stream().filter(ScanDiff.Change::regression).count());
        ArrayNode cs = o.putArray("changes");
        for (ScanDiff.Change c : changes) {
            ObjectNode x = cs.addObject();
            x.put("kind", c.kind());
            x.put("path", c.path());
            x.put("text", c.text());
            x.put("regression", c.regression());
        }
        return o;
    }

    /** SARIF 2.1.0: one result per policy finding, located at the file. */
    public static ObjectNode sarif(List<Policy.Finding> findings, String version) {
        ObjectNode o = M.createObjectNode();
        o.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        o.put("version", "2.1.0");
        ObjectNode run = o.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "execray");
        driver.put("version", version);
        driver.put("informationUri", "https://execray.dev/");
        ArrayNode rules = driver.putArray("rules");
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        for (Policy.Finding f : findings) {
            if (seen.add(f.rule())) {
                ObjectNode r = rules.addObject();
                r.put("id", f.rule());
                r.putObject("shortDescription").put("text", Policy.describe(f.rule()));
            }
        }
        ArrayNode results = run.putArray("results");
        for (Policy.Finding f : findings) {
            ObjectNode r = results.addObject();
            r.put("ruleId", f.rule());
            r.put("level", "error");
            r.putObject("message").put("text", f.message());
            ObjectNode loc = r.putArray("locations").addObject().putObject("physicalLocation");
            String uri = f.path().startsWith("/") ? f.path().substring(1) : f.path();
            loc.putObject("artifactLocation").put("uri", uriPath(uri));
        }
        return o;
    }

    /**
     * A file path as an RFC 3986 relative reference: every byte of its UTF-8 form other than the unreserved
     * characters and "/" percent-encoded (a "[", "#", "?", "%", space or ":" in a name would otherwise make an invalid
     * reference, or another one: SARIF's schema checks uri-reference). Consumers decode it back to the same path.
     */
    static String uriPath(String path) {
        StringBuilder b = new StringBuilder();
        for (byte x : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~' || c == '/') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }
}
