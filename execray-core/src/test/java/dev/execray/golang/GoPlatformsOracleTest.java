package dev.execray.golang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.ByteSource;
import dev.execray.binary.ExecutableImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Version recovery on every platform the installed Go targets: a tiny program is built for every pair of
 * {@code go tool dist list} (CGO_ENABLED=0, -trimpath, -ldflags="-s -w": no symbol table), then a copy has its
 * build-info header destroyed the way release pipelines do it — the 14-byte magic "\xff Go buildinf:" is
 * overwritten in place with "\0stripped-info" (same length, nothing moves), so {@code go version} reports "not a
 * Go executable". execray must recover from the copy exactly the version {@code go version} reads from the
 * original.
 *
 * <p>The builds are cached in {@code /tmp/execray-go-platforms} (-Dexecray.goPlatforms=DIR): they are tens of
 * MiB and take minutes the first time, so they are not committed. Pairs Go cannot link without cgo (android/arm,
 * ios/*) are reported and skipped; the minimum count guards against a broken toolchain skipping everything.
 */
@Tag("oracle")
class GoPlatformsOracleTest {
    static final Path CACHE = Path.of(System.getProperty("execray.goPlatforms", "/tmp/execray-go-platforms"));
    /** go1.19 lists 46 pairs; android/arm and ios/* need cgo, plan9/* are a.out files nothing here reads. */
    private static final int MIN_PLATFORMS = 39;
    static final Map<String, Path> BUILT = new TreeMap<>();
    static final Map<String, String> NOT_BUILT = new TreeMap<>();

    @BeforeAll
    static void build() throws Exception {
        buildAll();
    }

    static synchronized void buildAll() throws Exception {
        if (!BUILT.isEmpty() || !NOT_BUILT.isEmpty()) {
            return;
        }
        List<String> pairs = run(List.of("go", "tool", "dist", "list"), CACHE).lines().filter(l -> l.contains("/"))
                .toList();
        assertThat(pairs).as("go tool dist list (install golang-go)").isNotEmpty();
        Path src = CACHE.resolve("src");
        Files.createDirectories(src);
        Files.writeString(src.resolve("go.mod"), "module example.com/hello\n\ngo 1.19\n");
        Files.writeString(src.resolve("main.go"), "package main\n\nfunc main() { println(\"hello\") }\n");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> jobs = new ArrayList<>();
            for (String pair : pairs) {
                jobs.add(pool.submit(() -> buildOne(src, pair)));
            }
            for (int i = 0; i < pairs.size(); i++) {
                String err = jobs.get(i).get(15, TimeUnit.MINUTES);
                String name = pairs.get(i).replace('/', '-');
                if (err.isEmpty()) {
                    BUILT.put(pairs.get(i), CACHE.resolve(name));
                } else {
                    NOT_BUILT.put(pairs.get(i), err);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String buildOne(Path src, String pair) throws Exception {
        String[] p = pair.split("/");
        Path out = CACHE.resolve(p[0] + "-" + p[1]);
        if (Files.isRegularFile(out)) {
            return "";
        }
        Path tmp = CACHE.resolve(p[0] + "-" + p[1] + ".tmp");
        ProcessBuilder pb = new ProcessBuilder("go", "build", "-trimpath", "-ldflags=-s -w", "-o", tmp.toString(), ".")
                .directory(src.toFile()).redirectErrorStream(true);
        pb.environment().put("GOOS", p[0]);
        pb.environment().put("GOARCH", p[1]);
        pb.environment().put("CGO_ENABLED", "0");
        pb.environment().put("GOFLAGS", "-buildvcs=false");
        Process proc = pb.start();
        String log = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!proc.waitFor(10, TimeUnit.MINUTES) || proc.exitValue() != 0) {
            proc.destroyForcibly();
            return log.lines().filter(l -> !l.startsWith("#")).findFirst().orElse("go build failed");
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        return "";
    }

    static String run(List<String> cmd, Path dir) throws Exception {
        Files.createDirectories(dir);
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd.get(0) + ": install golang-go (apt-get install golang-go)", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(5, TimeUnit.MINUTES);
        return out;
    }

    /**
     * A copy of {@code f} with every "\xff Go buildinf:" overwritten by "\0stripped-info": what a linker patched
     * to omit the header leaves, without moving a byte.
     */
    static Path stripped(Path f) throws IOException {
        Path out = CACHE.resolve("stripped").resolve(f.getFileName());
        Files.createDirectories(out.getParent());
        byte[] b = Files.readAllBytes(f);
        byte[] magic = BuildInfoReader.MAGIC;
        byte[] repl = "\0stripped-info".getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i + magic.length <= b.length; i++) {
            if (b[i] == magic[0] && java.util.Arrays.equals(b, i, i + magic.length, magic, 0, magic.length)) {
                System.arraycopy(repl, 0, b, i, repl.length);
            }
        }
        Files.write(out, b);
        // go version skips files without an execute bit
        out.toFile().setExecutable(true);
        return out;
    }

    /** The version {@code go version} prints for a file ("go1.19.8"), or "" when it reads none. */
    static String goVersion(Path f) throws Exception {
        String out = run(List.of("go", "version", f.toString()), CACHE).trim();
        String prefix = f + ": ";
        return out.startsWith(prefix) && !out.contains("could not read") ? out.substring(prefix.length()) : "";
    }

    static String toolchain() throws Exception {
        return run(List.of("go", "env", "GOVERSION"), CACHE).trim();
    }

    @Test
    void versionRecoveredOnEveryPlatformWithTheHeaderDestroyed() throws Exception {
        int agree = 0;
        int compared = 0;
        List<String> lines = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Path> e : BUILT.entrySet()) {
            String truth = goVersion(e.getValue());
            Path s = stripped(e.getValue());
            String header = goVersion(s);
            String ours;
            String how = "";
            try {
                ExecutableImage image = GoImages.open(ByteSource.open(s));
                GoBuildInfo bi = BuildInfoReader.readOrRecover(image);
                ours = GoStrconv.toText(bi.goVersion());
                how = bi.recovered() ? bi.notes().stream().filter(n -> n.startsWith("Go version"))
                        .findFirst().orElse("") : "read";
            } catch (RuntimeException | BuildInfoException ex) {
                ours = "error: " + ex.getMessage();
            }
            String source = "";
            if (truth.isEmpty()) {
                if (e.getKey().startsWith("plan9/")) {
                    // neither go version nor execray reads Plan 9 a.out
                    lines.add(String.format("  %-18s not compared (Plan 9 a.out: no reader in go version or execray)",
                            e.getKey()));
                    continue;
                }
                // go version cannot read this file (XCOFF linked with -s, wasm): the toolchain that built it is
                // the truth
                truth = toolchain();
                source = " (truth: go env GOVERSION; go version cannot read this file)";
            }
            compared++;
            assertThat(header).as("the patched copy has no header for go version").isEmpty();
            boolean ok = truth.equals(ours);
            agree += ok ? 1 : 0;
            lines.add(String.format("  %-18s %-4s %s  %s%s", e.getKey(), ok ? "ok" : "DIFF", ours,
                    how.length() > 90 ? how.substring(0, 90) + "..." : how, source));
            if (!ok) {
                wrong.add(e.getKey() + ": go " + truth + ", execray " + ours);
            }
        }
        System.out.println("oracle version recovery (header destroyed): " + agree + "/" + compared
                + " platforms agree with go version on the original; not buildable without cgo: " + NOT_BUILT.keySet());
        lines.forEach(System.out::println);
        assertThat(wrong).isEmpty();
        assertThat(compared).isGreaterThanOrEqualTo(MIN_PLATFORMS);
    }

    /**
     * A real release without headers (bench/esbuild-release.sh: esbuild for 26 platforms and wasm, built by upstream
     * with a linker patched not to write the header). go version reads none of them; the truth is that one
     * toolchain built them all: every file must give the same version, each through its string header.
     */
    @Test
    void realReleaseWithoutHeaders() throws Exception {
        Path dir = Path.of(System.getProperty("execray.realGoBinaries", "/tmp/esbuild-rel/bin"));
        dev.execray.truth.Oracle.require(Files.isDirectory(dir), "a real Go release without headers in " + dir
                + " (bench/esbuild-release.sh: npm and the npm registry; .ci/run fetches it)");
        Map<String, String> versions = new TreeMap<>();
        try (var s = Files.list(dir)) {
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                assertThat(goVersion(f)).as("go version reads no header from " + f).isEmpty();
                GoBuildInfo bi = BuildInfoReader.readOrRecover(GoImages.open(ByteSource.open(f)));
                assertThat(bi.notes()).as(f.toString()).anySatisfy(n -> assertThat(n).contains("string header"));
                versions.put(f.getFileName() + " " + bi.modules().setting("GOOS").map(GoStrconv::toText).orElse("?")
                        + "/" + bi.modules().setting("GOARCH").map(GoStrconv::toText).orElse("?"),
                        GoStrconv.toText(bi.goVersion()));
            }
        }
        System.out.println("oracle real release without headers: " + versions.size() + " files, versions "
                + new java.util.TreeSet<>(versions.values()) + ": " + versions.keySet());
        assertThat(versions).hasSizeGreaterThanOrEqualTo(20);
        assertThat(new java.util.HashSet<>(versions.values())).hasSize(1);
        // with the version bytes gone too, the DefaultGODEBUG keys of a modern release narrow it to its line
        Path linux = dir.resolve("linux-x64");
        if (Files.isRegularFile(linux)) {
            String v = versions.values().iterator().next();
            GoVersion gv = GoVersion.parse(v).orElseThrow();
            byte[] b = Files.readAllBytes(linux);
            byte[] needle = v.getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i + needle.length <= b.length; i++) {
                if (java.util.Arrays.equals(b, i, i + needle.length, needle, 0, needle.length)) {
                    b[i] = 'x';
                }
            }
            GoBuildInfo bi = BuildInfoReader.readOrRecover(GoImages.open(ByteSource.of(b)));
            assertThat(bi.goVersion()).isEmpty();
            String note = bi.notes().stream().filter(n -> n.contains("narrowed")).findFirst().orElse("");
            System.out.println("oracle narrowing, " + v + " with its version bytes destroyed: " + note);
            assertThat(note).contains("narrowed to go" + gv.shortName() + " or later (from pclntab 1.20 layout and"
                    + " DefaultGODEBUG key");
        }
    }

    @Test
    void withoutAnyVersionBytesTheReleaseIsNarrowedFromEvidence() throws Exception {
        Path f = BUILT.get("linux/amd64");
        assertThat(f).as("linux/amd64 built").isNotNull();
        String truth = goVersion(f);
        // destroy the header and every copy of the version bytes: only the pclntab layout is left as evidence
        byte[] b = Files.readAllBytes(stripped(f));
        byte[] v = truth.getBytes(StandardCharsets.ISO_8859_1);
        int n = 0;
        for (int i = 0; i + v.length <= b.length; i++) {
            if (java.util.Arrays.equals(b, i, i + v.length, v, 0, v.length)) {
                b[i] = 'x';
                n++;
            }
        }
        assertThat(n).isPositive();
        GoBuildInfo bi = BuildInfoReader.readOrRecover(GoImages.open(ByteSource.of(b)));
        assertThat(bi.goVersion()).isEmpty();
        GoVersion real = GoVersion.parse(truth).orElseThrow();
        String expected = real.minor() >= 20 ? "go1.20 or later (from pclntab 1.20 layout"
                : real.minor() >= 18 ? "go1.18 to go1.19.x (from pclntab 1.18 layout)" : "go1.16 to go1.17.x";
        assertThat(bi.notes()).anySatisfy(note -> assertThat(note).contains("narrowed to " + expected));
    }
}
