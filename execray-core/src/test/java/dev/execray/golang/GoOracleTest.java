package dev.execray.golang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.ByteSource;
import dev.execray.binary.ExecutableImage;
import dev.execray.golang.BuildInfoReader.Dialect;
import dev.execray.report.GoVersionMRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Compares execray with the Go toolchain on this machine: {@code go version -m} byte for byte, and
 * {@code go tool nm} for function lists. Inputs: the project's Go fixtures (fixtures/out/go: GOOS/GOARCH,
 * stripped and not, PIE and not, cgo and not), a few more targets built here with the local Go (32-bit
 * big-endian, s390x, riscv64, mips64le), every Go binary of the Go installation, /usr/bin, and the
 * corpus of bench/go-corpus.sh when it exists (-Dexecray.goCorpus=DIR, default /tmp/go-corpus/bin).
 */
@Tag("oracle")
class GoOracleTest {
    private static Path work;
    private static final Map<String, Path> FIXTURES = new LinkedHashMap<>();

    @BeforeAll
    static void buildFixtures() throws Exception {
        work = Files.createTempDirectory("execray-go-oracle");
        Path src = work.resolve("hello");
        Files.createDirectories(src);
        Files.writeString(src.resolve("go.mod"), "module example.com/hello\n\ngo 1.19\n");
        Files.writeString(src.resolve("main.go"), "package main\n\nimport (\n\t\"fmt\"\n\t\"net/http\"\n\t\"os\"\n)\n\n"
                + "var client = &http.Client{}\n\nfunc init() { fmt.Fprint(os.Stderr, \"\") }\n\n"
                + "func main() { fmt.Println(\"hello\", client != nil) }\n");
        // fixtures/out/go already covers darwin, freebsd, windows, linux 386/amd64/arm/arm64/ppc64, cgo, PIE and
        // stripped pairs; built here: what it lacks (32-bit big-endian, s390x, riscv64, mips64le)
        String[][] targets = {
            {"linux", "mips", "0", ""}, {"linux", "mips", "0", "-s -w"}, {"linux", "s390x", "0", ""},
            {"linux", "s390x", "0", "-s -w"}, {"linux", "riscv64", "0", ""}, {"linux", "mips64le", "0", "-s -w"},
            {"linux", "mips64le", "0", ""},
        };
        try (Stream<Path> s = Files.list(Path.of("fixtures/out/go"))) {
            s.filter(Files::isRegularFile).sorted().forEach(f -> FIXTURES.put(f.getFileName().toString(), f));
        }
        for (String[] t : targets) {
            String name = "built-" + t[0] + "-" + t[1] + (t[3].isEmpty() ? "" : ".stripped");
            Path out = work.resolve(name);
            List<String> cmd = new ArrayList<>(List.of("go", "build", "-trimpath", "-o", out.toString()));
            if (t[3].equals("pie")) {
                cmd.add("-buildmode=pie");
            } else if (!t[3].isEmpty()) {
                cmd.add("-ldflags=" + t[3]);
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(src.toFile()).redirectErrorStream(true);
            pb.environment().put("GOOS", t[0]);
            pb.environment().put("GOARCH", t[1]);
            pb.environment().put("CGO_ENABLED", t[2]);
            pb.environment().put("GOFLAGS", "-buildvcs=false");
            Process p = pb.start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0) {
                FIXTURES.put(name, out);
            } else {
                System.out.println("fixture " + name + " not built: " + log);
            }
        }
    }

    private static List<Path> inputs() throws IOException {
        List<Path> files = new ArrayList<>(FIXTURES.values());
        for (String dir : List.of("/usr/lib/go-1.19/bin", "/usr/lib/go-1.19/pkg/tool/linux_amd64", "/usr/bin",
                System.getProperty("execray.goCorpus", "/tmp/go-corpus/bin"))) {
            Path d = Path.of(dir);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().contains("aix")).sorted()
                            .forEach(files::add);
                }
            }
        }
        return files;
    }

    /** What go version -m prints for one file: stdout and stderr. */
    private static String[] goVersionM(Path f) throws Exception {
        Process p = new ProcessBuilder("go", "version", "-m", f.toString()).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        p.waitFor(60, TimeUnit.SECONDS);
        return new String[] {GoStrconv.bytes(out), GoStrconv.bytes(err)};
    }

    /** What execray prints for one file with the same reader generation as this machine's Go (1.19). */
    static String[] execray(Path f) {
        String name = f.toString();
        if (!Files.isExecutable(f)) {
            return new String[] {"", GoVersionMRenderer.notExecutable(name)};
        }
        try {
            ByteSource src = ByteSource.open(f);
            if (src.size() < 16 || src.u8(0, "magic") == 0xca) {
                return new String[] {"", GoVersionMRenderer.readError(name, "unrecognized file format")};
            }
            ExecutableImage image = GoImages.open(src);
            GoBuildInfo bi = BuildInfoReader.read(image, Dialect.GO_1_19);
            return new String[] {GoVersionMRenderer.stdout(name, bi, true), ""};
        } catch (BuildInfoException e) {
            return new String[] {"", GoVersionMRenderer.readError(name, e.goMessage())};
        } catch (dev.execray.binary.BinaryFormatException e) {
            return new String[] {"", GoVersionMRenderer.readError(name, "unrecognized file format")};
        } catch (IOException e) {
            return new String[] {"", name + "\n"};
        }
    }

    @Test
    void modinfoMatchesGoVersionMByteForByte() throws Exception {
        List<Path> files = inputs();
        int agree = 0;
        int goBinaries = 0;
        List<String> disagreements = new ArrayList<>();
        for (Path f : files) {
            String[] go = goVersionM(f);
            String[] us = execray(f);
            if (!go[0].isEmpty()) {
                goBinaries++;
            }
            if (go[0].equals(us[0]) && go[1].equals(us[1])) {
                agree++;
            } else {
                disagreements.add(f + "\n  go:      " + (go[0] + go[1]).lines().findFirst().orElse("")
                        + "\n  execray: " + (us[0] + us[1]).lines().findFirst().orElse(""));
            }
        }
        System.out.println("oracle go version -m: " + agree + "/" + files.size() + " agree byte for byte ("
                + goBinaries + " Go binaries)");
        disagreements.stream().limit(20).forEach(System.out::println);
        assertThat(disagreements).isEmpty();
    }

    /** Function symbols as go tool nm lists them: text symbols (T/t) with their addresses. */
    private static Map<String, Long> nmFunctions(Path f) throws Exception {
        Process p = new ProcessBuilder("go", "tool", "nm", f.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        Map<String, Long> m = new HashMap<>();
        for (String line : out.lines().toList()) {
            String[] parts = line.trim().split("\\s+", 3);
            if (parts.length == 3 && (parts[1].equals("T") || parts[1].equals("t"))) {
                try {
                    m.put(normalize(parts[2]), Long.parseUnsignedLong(parts[0], 16));
                } catch (NumberFormatException e) {
                    // undefined symbols have no address
                }
            }
        }
        return m;
    }

    /**
     * The two name lists differ in spelling only: the symbol table writes array lengths of generated
     * equality functions ("type..eq.[2]runtime.Frame") where the pclntab writes "[...]", and "." where the
     * pclntab keeps the middle dot ("net.dialResult\u00b71").
     */
    static String normalize(String name) {
        return name.replace('\u00b7', '.').replaceAll("\\[\\d+\\]", "[...]");
    }

    @Test
    void functionListsMatchGoToolNmAndSurviveStripping() throws Exception {
        int agree = 0;
        int total = 0;
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Path> e : FIXTURES.entrySet()) {
            if (e.getKey().endsWith(".stripped") || e.getKey().endsWith("-wasm")) {
                continue; // go tool nm does not read wasm ("unrecognized object file"): GoWasmOracleTest checks it
            }
            FunctionTable t = PclntabReader.read(GoImages.open(ByteSource.open(e.getValue())));
            Map<String, Long> nm = nmFunctions(e.getValue());
            for (GoFunction fn : t.functions()) {
                total++;
                // go tool nm names assembly (ABI0) functions with a ".abi0" suffix the pclntab does not have
                // Mach-O symbol tables add "_" to names without a package ("_cmpbody", "_rt0_amd64")
                String n = normalize(fn.name());
                Long a = nm.get(n);
                Long abi0 = nm.get(n + ".abi0");
                Long under = nm.get("_" + n);
                if ((a != null && a == fn.entry()) || (abi0 != null && abi0 == fn.entry())
                        || (under != null && under == fn.entry())) {
                    agree++;
                } else if (problems.size() < 40) {
                    problems.add(e.getKey() + ": " + fn.name() + " at 0x" + Long.toHexString(fn.entry()) + ", nm: "
                            + (a == null ? "absent" : "0x" + Long.toHexString(a)));
                }
            }
        }
        System.out.println("oracle go tool nm: " + agree + "/" + total + " functions agree (name and entry)");
        problems.forEach(System.out::println);
        assertThat(total).isPositive();
        assertThat(agree).isEqualTo(total);

        int pairs = 0;
        for (String stripped : FIXTURES.keySet()) {
            if (!stripped.endsWith(".stripped")) {
                continue;
            }
            // the same program built the same way but without -s -w has the same function table
            Path plain = FIXTURES.get(stripped.substring(0, stripped.length() - ".stripped".length()));
            if (plain == null) {
                continue;
            }
            List<String> a = names(PclntabReader.read(GoImages.open(ByteSource.open(FIXTURES.get(stripped)))));
            List<String> b = names(PclntabReader.read(GoImages.open(ByteSource.open(plain))));
            assertThat(a).as(stripped).isEqualTo(b);
            pairs++;
        }
        System.out.println("oracle stripped == unstripped function lists: " + pairs + " pairs");
        assertThat(pairs).isPositive();
    }

    private static List<String> names(FunctionTable t) {
        return t.functions().stream().map(GoFunction::name).toList();
    }

    @Test
    void everyGoBinaryOfTheCorpusHasAReadableFunctionTable() throws Exception {
        int ok = 0;
        int go = 0;
        Set<String> failed = new HashSet<>();
        for (Path f : inputs()) {
            ExecutableImage image;
            try {
                image = GoImages.open(ByteSource.open(f));
            } catch (Exception e) {
                continue;
            }
            boolean isGo;
            try {
                BuildInfoReader.readOrRecover(image);
                isGo = true;
            } catch (BuildInfoException e) {
                isGo = false;
            }
            if (!isGo) {
                continue;
            }
            go++;
            try {
                if (!PclntabReader.read(image).functions().isEmpty()) {
                    ok++;
                }
            } catch (RuntimeException e) {
                failed.add(f + ": " + e.getMessage());
            }
        }
        System.out.println("oracle pclntab found and read: " + ok + "/" + go + " Go binaries");
        failed.stream().limit(20).forEach(System.out::println);
        assertThat(failed).isEmpty();
    }

    /**
     * The order of package initialisation read from the init tasks against the order the runtime really runs
     * them, from GODEBUG=inittrace=1 (one "init PKG @..." line per package with init work, in run order; the
     * runtime's own tasks run before tracing starts). Runs the project's Linux fixtures (foreign machines
     * through qemu-user) and, when the corpus exists, its linux-x64 esbuild and buf programs with --version.
     */
    @Test
    void initOrderMatchesTheRuntimesInittrace() throws Exception {
        Map<Path, List<String>> runs = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : FIXTURES.entrySet()) {
            String n = e.getKey();
            if (n.startsWith("hello-linux-") && !n.endsWith("-v3")) {
                String arch = n.replace("hello-linux-", "").replace(".stripped", "").replaceAll("-(cgo|pie)$", "");
                String qemu = switch (arch) {
                    case "arm64" -> "qemu-aarch64-static";
                    case "arm" -> "qemu-arm-static";
                    case "ppc64" -> "qemu-ppc64-static";
                    default -> "";
                };
                List<String> cmd = new ArrayList<>();
                if (!qemu.isEmpty()) {
                    cmd.add(qemu);
                }
                cmd.add(e.getValue().toAbsolutePath().toString());
                runs.put(e.getValue(), cmd);
            }
        }
        Path corpus = Path.of(System.getProperty("execray.goCorpus", "/tmp/go-corpus/bin"));
        if (Files.isDirectory(corpus)) {
            try (Stream<Path> s = Files.list(corpus)) {
                s.filter(f -> f.getFileName().toString().matches(".*linux-x64.*_bin_(esbuild|buf)")).sorted()
                        .forEach(f -> runs.put(f, List.of(f.toString(), "--version")));
            }
        }
        int agree = 0;
        int total = 0;
        List<String> disagreements = new ArrayList<>();
        for (Map.Entry<Path, List<String>> r : runs.entrySet()) {
            ExecutableImage image = GoImages.open(ByteSource.open(r.getKey()));
            java.util.Optional<List<GoFunction>> order = InitOrder.read(image, PclntabReader.read(image));
            ProcessBuilder pb = new ProcessBuilder(r.getValue()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("GODEBUG", "inittrace=1");
            Process p = pb.start();
            List<String> traced = new ArrayList<>();
            try (var err = new java.io.BufferedReader(new java.io.InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    if (line.startsWith("init ") && line.contains(" @")) {
                        traced.add(line.split(" ")[1]);
                    }
                }
            }
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            if (traced.isEmpty()) {
                continue; // the program did not run here
            }
            total++;
            List<String> ours = new ArrayList<>();
            for (GoFunction f : order.orElse(List.of())) {
                String pkg = f.name().replaceAll("\\.init(\\.\\d+)?$", "");
                if (ours.isEmpty() || !ours.get(ours.size() - 1).equals(pkg)) {
                    ours.add(pkg);
                }
            }
            Set<String> both = new HashSet<>(ours);
            both.retainAll(new HashSet<>(traced));
            List<String> a = ours.stream().filter(both::contains).toList();
            List<String> b = traced.stream().filter(both::contains).toList();
            if (order.isPresent() && a.equals(b) && both.size() == new HashSet<>(traced).size()) {
                agree++;
            } else {
                disagreements.add(r.getKey() + ": ours " + a + " traced " + traced);
            }
        }
        System.out.println("oracle init order vs GODEBUG=inittrace=1: " + agree + "/" + total + " programs agree");
        disagreements.stream().limit(5).forEach(System.out::println);
        assertThat(disagreements).isEmpty();
        assertThat(total).isGreaterThanOrEqualTo(5);
    }
}
