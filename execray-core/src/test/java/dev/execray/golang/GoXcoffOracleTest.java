package dev.execray.golang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.ByteSource;
import dev.execray.binary.xcoff.XcoffFile;
import dev.execray.binary.xcoff.XcoffSymbol;
import dev.execray.golang.BuildInfoReader.Dialect;
import dev.execray.report.GoVersionMRenderer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * XCOFF (aix/ppc64) against the Go toolchain: the symbol table and the function table against
 * {@code go tool nm}; build info against {@code go version -m}, byte for byte, for a file with its symbol table
 * and one linked with -s -w (which Go's internal/xcoff cannot open: see BuildInfoReader#xcoffOpens). Should the
 * Go on PATH not read XCOFF at all, the current reader is compared with the same program built for
 * linux/ppc64, only GOOS differing.
 */
@Tag("oracle")
class GoXcoffOracleTest {
    private static Path build(String goos, String name) throws Exception {
        Path out = GoPlatformsOracleTest.CACHE.resolve(name);
        if (Files.isRegularFile(out)) {
            return out;
        }
        Path src = GoPlatformsOracleTest.CACHE.resolve("src");
        Files.createDirectories(src);
        Files.writeString(src.resolve("go.mod"), "module example.com/hello\n\ngo 1.19\n");
        Files.writeString(src.resolve("main.go"), "package main\n\nfunc main() { println(\"hello\") }\n");
        ProcessBuilder pb = new ProcessBuilder("go", "build", "-trimpath", "-o", out.toString(), ".")
                .directory(src.toFile()).redirectErrorStream(true);
        pb.environment().put("GOOS", goos);
        pb.environment().put("GOARCH", "ppc64");
        pb.environment().put("CGO_ENABLED", "0");
        pb.environment().put("GOFLAGS", "-buildvcs=false");
        Process p;
        try {
            p = pb.start();
        } catch (java.io.IOException e) {
            throw new AssertionError("go not found: install golang-go", e);
        }
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0).as(log).isTrue();
        return out;
    }

    /** name → address of go tool nm's lines whose type is in {@code codes}. */
    private static Map<String, Long> nm(Path f, String codes) throws Exception {
        String out = GoPlatformsOracleTest.run(List.of("go", "tool", "nm", f.toString()), GoPlatformsOracleTest.CACHE);
        Map<String, Long> m = new HashMap<>();
        for (String line : out.lines().toList()) {
            String[] parts = line.trim().split("\\s+", 3);
            if (parts.length == 3 && codes.contains(parts[1])) {
                m.putIfAbsent(codes.equals("Tt") ? GoOracleTest.normalize(parts[2]) : parts[2],
                        Long.parseUnsignedLong(parts[0], 16));
            }
        }
        return m;
    }

    @Test
    void symbolsAndFunctionsMatchGoToolNm() throws Exception {
        Path f = build("aix", "aix-ppc64.full");
        XcoffFile x = XcoffFile.read(ByteSource.open(f));
        Map<String, Long> nm = nm(f, "TtDdBbRr");
        assertThat(nm).as("go tool nm lists symbols").hasSizeGreaterThan(500);
        Map<String, Long> ours = new HashMap<>();
        for (XcoffSymbol s : x.symbols().entries()) {
            if (s.scnum() > 0) {
                ours.putIfAbsent(s.name(), s.value());
            }
        }
        int agree = 0;
        List<String> diff = new ArrayList<>();
        for (Map.Entry<String, Long> e : nm.entrySet()) {
            if (e.getValue().equals(ours.get(e.getKey()))) {
                agree++;
            } else {
                diff.add(e.getKey() + " nm 0x" + Long.toHexString(e.getValue()) + " execray " + ours.get(e.getKey()));
            }
        }
        FunctionTable t = PclntabReader.read(x);
        Map<String, Long> text = nm(f, "Tt");
        int fAgree = 0;
        for (GoFunction fn : t.functions()) {
            // nm names assembly (ABI0) functions with a ".abi0" suffix the function table does not have
            String n = GoOracleTest.normalize(fn.name());
            Long a = text.get(n);
            Long abi0 = text.get(n + ".abi0");
            if ((a != null && a == fn.entry()) || (abi0 != null && abi0 == fn.entry())) {
                fAgree++;
            }
        }
        System.out.println("oracle XCOFF symbols vs go tool nm: " + agree + "/" + nm.size() + "; functions: " + fAgree
                + "/" + t.functions().size() + " with nm's address");
        diff.stream().limit(10).forEach(System.out::println);
        assertThat(diff).isEmpty();
        assertThat(fAgree).isEqualTo(t.functions().size());
    }

    @Test
    void strippedXcoffIsUnreadableForGoAndForExecrayModinfoButRecovered() throws Exception {
        Path f = GoPlatformsOracleTest.CACHE.resolve("aix-ppc64");
        if (!Files.isRegularFile(f)) {
            GoPlatformsOracleTest.buildAll();
        }
        String go = GoPlatformsOracleTest.run(List.of("go", "version", "-m", f.toString()), GoPlatformsOracleTest.CACHE);
        String ours;
        try {
            ours = GoVersionMRenderer.stdout(f.toString(),
                    BuildInfoReader.read(GoImages.open(ByteSource.open(f)), Dialect.GO_1_19), true);
        } catch (BuildInfoException e) {
            ours = GoVersionMRenderer.readError(f.toString(), e.goMessage());
        }
        assertThat(ours).isEqualTo(go);
        GoBuildInfo rec = BuildInfoReader.readOrRecover(GoImages.open(ByteSource.open(f)));
        assertThat(rec.recovered()).isTrue();
        assertThat(rec.modules().setting("GOOS")).contains("aix");
        System.out.println("oracle XCOFF -s -w: go version -m and execray --modinfo both: " + go.trim());
    }

    @Test
    void buildInfoMatchesGoVersionM() throws Exception {
        Path aix = build("aix", "aix-ppc64.full");
        Path linux = build("linux", "linux-ppc64.full");
        // go1.19: the error, byte for byte
        String go = GoPlatformsOracleTest.run(List.of("go", "version", "-m", aix.toString()), GoPlatformsOracleTest.CACHE);
        GoBuildInfo current = BuildInfoReader.read(GoImages.open(ByteSource.open(aix)), Dialect.CURRENT);
        if (go.contains("could not read Go build info")) {
            assertThat(go).isEqualTo(GoVersionMRenderer.readError(aix.toString(), "unrecognized file format"));
            String linuxOut = GoPlatformsOracleTest.run(List.of("go", "version", "-m", linux.toString()),
                    GoPlatformsOracleTest.CACHE);
            String expected = linuxOut.replace(linux.toString(), aix.toString()).replace("GOOS=linux", "GOOS=aix");
            assertThat(GoVersionMRenderer.stdout(aix.toString(), current, true)).isEqualTo(expected);
            System.out.println("oracle XCOFF go version -m: go1.19 error identical; current reader = linux/ppc64 output"
                    + " with GOOS=aix (" + expected.lines().count() + " lines)");
        } else {
            // a Go that reads XCOFF itself
            assertThat(GoVersionMRenderer.stdout(aix.toString(), current, true)).isEqualTo(go);
            System.out.println("oracle XCOFF go version -m: identical (" + go.lines().count() + " lines)");
        }
    }
}
