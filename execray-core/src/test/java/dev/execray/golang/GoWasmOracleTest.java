package dev.execray.golang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.ByteSource;
import dev.execray.binary.wasm.WasmDataSegment;
import dev.execray.binary.wasm.WasmExport;
import dev.execray.binary.wasm.WasmFile;
import dev.execray.binary.wasm.WasmHost;
import dev.execray.binary.wasm.WasmImport;
import dev.execray.binary.wasm.WasmSection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The WebAssembly reader against wabt's wasm-objdump (Debian package wabt): section list (kind, payload start,
 * size, custom names), imports, exports and data segments (size, constant offset), on Go's js/wasm build from
 * {@link GoPlatformsOracleTest}'s cache, every .wasm file under /usr and /tmp/execray-go-platforms, and the wasm
 * files of a real release when present (-Dexecray.realGoBinaries, default /tmp/esbuild-rel/bin).
 */
@Tag("oracle")
class GoWasmOracleTest {
    private static final Pattern SECTION = Pattern.compile(
            "^\\s*(\\w+) start=0x([0-9a-f]+) end=0x[0-9a-f]+ \\(size=0x([0-9a-f]+)\\)(?: count: \\d+)?(?: \"(.*)\")?$");
    private static final Pattern IMPORT = Pattern.compile("^ - (\\w+)\\[\\d+\\].*<- (.*)$");
    private static final Pattern EXPORT = Pattern.compile("^ - (\\w+)\\[(\\d+)\\].* -> \"(.*)\"$");
    private static final Pattern DATA = Pattern.compile("^ - segment\\[\\d+\\] (?:passive |memory=\\d+ )?size=(\\d+)(?: - init i32=(-?\\d+))?.*$");
    private static final Map<String, String> WABT = Map.ofEntries(Map.entry("custom", "Custom"),
            Map.entry("type", "Type"), Map.entry("import", "Import"), Map.entry("function", "Function"),
            Map.entry("table", "Table"), Map.entry("memory", "Memory"), Map.entry("global", "Global"),
            Map.entry("export", "Export"), Map.entry("start", "Start"), Map.entry("element", "Elem"),
            Map.entry("code", "Code"), Map.entry("data", "Data"), Map.entry("datacount", "DataCount"),
            Map.entry("tag", "Tag"));

    private static String objdump(String flags, Path f) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("wasm-objdump"));
        cmd.addAll(List.of(flags.split(" ")));
        cmd.add(f.toString());
        try {
            return GoPlatformsOracleTest.run(cmd, GoPlatformsOracleTest.CACHE);
        } catch (AssertionError e) {
            throw new AssertionError("wasm-objdump not found: apt-get install -y wabt", e);
        }
    }

    private static List<Path> inputs() throws Exception {
        GoPlatformsOracleTest.buildAll();
        List<Path> files = new ArrayList<>();
        Path go = GoPlatformsOracleTest.BUILT.get("js/wasm");
        assertThat(go).as("js/wasm built").isNotNull();
        files.add(go);
        // real releases when fetched (docs/go.md: npm pack esbuild-wasm and the @esbuild/* packages)
        Path real = Path.of(System.getProperty("execray.realGoBinaries", "/tmp/esbuild-rel/bin"));
        if (Files.isDirectory(real)) {
            try (Stream<Path> s = Files.list(real)) {
                s.filter(Files::isRegularFile).sorted().filter(GoWasmOracleTest::isWasm).forEach(files::add);
            }
        }
        for (Path root : List.of(Path.of("/usr"), GoPlatformsOracleTest.CACHE)) {
            try (Stream<Path> s = Files.walk(root)) {
                s.filter(p -> p.toString().endsWith(".wasm") && Files.isRegularFile(p)).sorted().forEach(files::add);
            } catch (IOException | java.io.UncheckedIOException e) {
                // unreadable corners of /usr are not inputs
            }
        }
        return files;
    }

    private static boolean isWasm(Path p) {
        try {
            byte[] h = ByteSource.head(p, 4);
            return h.length == 4 && h[0] == 0 && h[1] == 'a' && h[2] == 's' && h[3] == 'm';
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void sectionsImportsExportsAndDataMatchWasmObjdump() throws Exception {
        int files = 0;
        int compared = 0;
        List<String> diff = new ArrayList<>();
        for (Path f : inputs()) {
            WasmFile w = WasmFile.read(ByteSource.open(f));
            files++;
            List<String> theirs = new ArrayList<>();
            for (String line : objdump("-h", f).lines().toList()) {
                Matcher m = SECTION.matcher(line);
                if (m.matches()) {
                    theirs.add(m.group(1) + " " + Long.parseLong(m.group(2), 16) + " " + Long.parseLong(m.group(3), 16)
                            + (m.group(4) == null ? "" : " " + m.group(4)));
                }
            }
            List<String> ours = new ArrayList<>();
            for (WasmSection s : w.wasmSections()) {
                ours.add(WABT.get(s.idName()) + " " + s.payloadOffset() + " " + s.payloadSize()
                        + (s.id() == 0 ? " " + s.name() : ""));
            }
            compared += check(f, "sections", theirs, ours, diff);
            String x = objdump("-x", f);
            List<String> ti = new ArrayList<>();
            List<String> te = new ArrayList<>();
            List<String> td = new ArrayList<>();
            String part = "";
            for (String line : x.lines().toList()) {
                if (!line.startsWith(" ")) {
                    part = line.replaceAll("\\[.*", "");
                    continue;
                }
                Matcher m;
                if (part.equals("Import") && (m = IMPORT.matcher(line)).matches()) {
                    ti.add(m.group(1) + " " + m.group(2));
                } else if (part.equals("Export") && (m = EXPORT.matcher(line)).matches()) {
                    te.add(m.group(1) + " " + m.group(2) + " " + m.group(3));
                } else if (part.equals("Data") && (m = DATA.matcher(line)).matches()) {
                    td.add(m.group(1) + (m.group(2) == null ? "" : " @" + Long.parseLong(m.group(2))));
                }
            }
            List<String> oi = new ArrayList<>();
            for (WasmImport i : w.imports().entries()) {
                oi.add(i.kind().specName() + " " + i.module() + "." + i.name());
            }
            List<String> oe = new ArrayList<>();
            for (WasmExport e : w.exports().entries()) {
                oe.add(e.kind().specName() + " " + e.index() + " " + e.name());
            }
            List<String> od = new ArrayList<>();
            for (WasmDataSegment d : w.dataSegments().entries()) {
                // wabt prints i32 offsets signed
                od.add(d.size() + d.memoryOffset().map(o -> " @" + (long) (int) (long) o).orElse(""));
            }
            compared += check(f, "imports", ti, oi, diff);
            compared += check(f, "exports", te, oe, diff);
            compared += check(f, "data segments", td, od, diff);
            assertThat(w.problems()).as(f.toString()).isEmpty();
        }
        WasmFile go = WasmFile.read(ByteSource.open(GoPlatformsOracleTest.BUILT.get("js/wasm")));
        assertThat(go.host()).isIn(WasmHost.GO_JS, WasmHost.GO_JS_LEGACY);
        System.out.println("oracle wasm vs wasm-objdump: " + files + " files, " + compared
                + " sections/imports/exports/data segments identical; " + diff.size() + " lists differ");
        diff.stream().limit(10).forEach(System.out::println);
        assertThat(diff).isEmpty();
        assertThat(compared).isGreaterThan(1000);
    }

    private static int check(Path f, String what, List<String> theirs, List<String> ours, List<String> diff) {
        if (!theirs.equals(ours)) {
            int i = 0;
            while (i < Math.min(theirs.size(), ours.size()) && theirs.get(i).equals(ours.get(i))) {
                i++;
            }
            diff.add(f + " " + what + ": wasm-objdump " + theirs.size() + " entries, execray " + ours.size()
                    + "; first difference at " + i + ": " + (i < theirs.size() ? theirs.get(i) : "-") + " | "
                    + (i < ours.size() ? ours.get(i) : "-"));
            return 0;
        }
        return theirs.size();
    }

    @Test
    void goModuleInformationIsRecoveredFromTheDataSegments() throws Exception {
        Path f = GoPlatformsOracleTest.BUILT.get("js/wasm");
        GoBuildInfo bi = BuildInfoReader.readOrRecover(GoImages.open(ByteSource.open(f)));
        assertThat(bi.recovered()).isTrue();
        assertThat(GoStrconv.toText(bi.goVersion())).isEqualTo(GoPlatformsOracleTest.toolchain());
        assertThat(bi.modules().setting("GOOS")).contains("js");
        assertThat(bi.modules().setting("GOARCH")).contains("wasm");
        assertThat(GoStrconv.toText(bi.modules().path())).isEqualTo("example.com/hello");
    }

    private static final Pattern NAMED = Pattern.compile("^ - func\\[(\\d+)\\] <(.*)>$");

    /**
     * go --funcs on js/wasm against the module's own name section as wasm-objdump prints it (go tool nm does not
     * read wasm): the function with PC (0x1000 + i) << 16 is wasm function (imported functions + i), and the
     * name section holds its name with every character but [0-9A-Za-z_.] replaced by '_' (cmd/link's wasm
     * writer, nameRegexp). Go modules only: those importing from "go" (GOOS=js) or carrying go.buildid.
     */
    @Test
    void functionTableMatchesTheNameSection() throws Exception {
        List<Path> files = new ArrayList<>(inputs());
        files.add(Path.of("fixtures/out/go/hello-js-wasm").toAbsolutePath()); // wasm-objdump runs in another directory
        files.add(bigJsWasm());
        int modules = 0;
        int compared = 0;
        int countOnly = 0;
        List<String> diff = new ArrayList<>();
        for (Path f : files) {
            WasmFile w = WasmFile.read(ByteSource.open(f));
            boolean go = w.customSections().stream().anyMatch(s -> s.name().equals("go.buildid"))
                    || w.imports().entries().stream().anyMatch(i -> i.module().equals("go") || i.module().equals("gojs"));
            if (!go) {
                continue;
            }
            modules++;
            FunctionTable t = PclntabReader.read(GoImages.open(ByteSource.open(f)));
            int imported = 0;
            for (String line : objdump("-x -j Import", f).lines().toList()) {
                if (line.startsWith(" - func[")) {
                    imported++;
                }
            }
            Map<Integer, String> names = new java.util.HashMap<>();
            for (String line : objdump("-x -j name", f).lines().toList()) {
                Matcher m = NAMED.matcher(line);
                if (m.matches()) {
                    names.put(Integer.parseInt(m.group(1)), m.group(2));
                }
            }
            if (names.isEmpty()) {
                // linked with -s: no name section; then only the count is checked, against the code section's
                Matcher code = Pattern.compile("(?m)^\\s*Code start=.* count: (\\d+)$").matcher(objdump("-h", f));
                assertThat(code.find()).as(f + ": code section").isTrue();
                if (Integer.parseInt(code.group(1)) != t.functions().size() && diff.size() < 20) {
                    diff.add(f + ": " + t.functions().size() + " functions, code section " + code.group(1));
                }
                countOnly++;
                continue;
            }
            for (GoFunction fn : t.functions()) {
                int index = imported + (int) ((fn.entry() >>> 16) - 0x1000);
                String want = wasmName(fn.name());
                if (!sameName(want, names.get(index)) && diff.size() < 20) {
                    diff.add(f + ": func[" + index + "] ours " + want + ", name section " + names.get(index));
                }
                compared++;
            }
            // every defined function is in the table, none twice
            final int firstDefined = imported;
            int defined = (int) names.keySet().stream().filter(i -> i >= firstDefined).count(); // Go names no imports
            if (defined != t.functions().size() && diff.size() < 20) {
                diff.add(f + ": " + t.functions().size() + " functions, the name section names " + defined + " defined ones");
            }
        }
        assertThat(diff).isEmpty();
        assertThat(modules).isGreaterThanOrEqualTo(2);
        dev.execray.truth.Oracle.atLeast(compared, 1800, "wasm functions against the name section");
        System.out.println("oracle go --funcs wasm: " + compared + " functions in " + (modules - countOnly)
                + " modules agree with the name section; " + countOnly + " modules without one agree in count with the code section");
    }

    /** A larger js/wasm program (encoding/json, net/http, text/template: ~4,000 functions), linked with its name section. */
    private static Path bigJsWasm() throws Exception {
        Path dir = GoPlatformsOracleTest.CACHE.resolve("wasm-big");
        Path out = dir.resolve("big.wasm");
        if (Files.isRegularFile(out)) {
            return out;
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("go.mod"), "module example.com/big\n\ngo 1.19\n");
        Files.writeString(dir.resolve("main.go"), "package main\n\nimport (\n\t\"encoding/json\"\n\t\"net/http\"\n"
                + "\t\"os\"\n\t\"text/template\"\n)\n\nfunc main() {\n\tjson.NewEncoder(os.Stdout).Encode(map[string]int{\"a\": 1})\n"
                + "\t_ = http.NewServeMux()\n\ttemplate.Must(template.New(\"t\").Parse(\"{{.}}\")).Execute(os.Stdout, 1)\n}\n");
        ProcessBuilder pb = new ProcessBuilder("go", "build", "-trimpath", "-o", out.toString(), ".").directory(dir.toFile())
                .redirectErrorStream(true);
        pb.environment().put("GOOS", "js");
        pb.environment().put("GOARCH", "wasm");
        pb.environment().put("GOFLAGS", "-buildvcs=false");
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(600, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0)
                .as("GOOS=js GOARCH=wasm go build (apt-get install golang-go): " + log).isTrue();
        return out;
    }

    /**
     * Equal, or equal but for what the pclntab abbreviates: since Go 1.18 the linker writes a function name's
     * bracketed part as "[...]" in the function table (type arguments, array lengths: "type..eq.[...]runtime.Frame"),
     * while the name section keeps the symbol ("type..eq.[2]runtime.Frame").
     */
    static boolean sameName(String ours, String theirs) {
        if (theirs == null) {
            return false;
        }
        if (ours.equals(theirs)) {
            return true;
        }
        if (!ours.contains("_..._")) {
            return false;
        }
        StringBuilder re = new StringBuilder();
        String[] parts = ours.split("_\\.\\.\\._", -1);
        for (int i = 0; i < parts.length; i++) {
            re.append(Pattern.quote(parts[i]));
            if (i + 1 < parts.length) {
                re.append("_.+?_");
            }
        }
        return theirs.matches(re.toString());
    }

    private static String wasmName(String goName) {
        StringBuilder sb = new StringBuilder();
        goName.codePoints().forEach(c -> sb.append(c < 0x80 && (Character.isLetterOrDigit(c) || c == '_' || c == '.')
                ? (char) c : '_'));
        return sb.toString();
    }
}
