package dev.execray.rootfs.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.execray.cli.Main;
import dev.execray.exec.ExecRequest;
import dev.execray.exec.ExecResult;
import dev.execray.exec.ExecSimulator;
import dev.execray.exec.places.Place;
import dev.execray.exec.places.Places;
import dev.execray.exec.verdict.Verdict;
import dev.execray.rootfs.RootFs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small glibc root made of this machine's own files (dash, ls, their libraries, the loader) and the project's
 * fixtures, once as a directory and once packed as container images by the test itself: every program must get
 * the same verdict in both, and check-image must judge the entrypoint and every program on PATH.
 */
class ImageVerdictsTest {
    @TempDir
    Path tmp;

    /** path in the root → host file (or null for a directory, "->target" for a symlink) */
    private static Map<String, String> rootFiles() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("lib64/ld-linux-x86-64.so.2", "/lib64/ld-linux-x86-64.so.2");
        m.put("lib/x86_64-linux-gnu/libc.so.6", "/lib/x86_64-linux-gnu/libc.so.6");
        m.put("lib/x86_64-linux-gnu/libselinux.so.1", "/lib/x86_64-linux-gnu/libselinux.so.1");
        m.put("lib/x86_64-linux-gnu/libpcre2-8.so.0", "/lib/x86_64-linux-gnu/libpcre2-8.so.0");
        m.put("usr/bin/dash", "/usr/bin/dash");
        m.put("usr/bin/ls", "/usr/bin/ls");
        m.put("usr/bin/hello-static", "fixtures/out/c/hello-x86_64-static");
        m.put("usr/bin/hello-pie", "fixtures/out/c/hello-x86_64-pie");
        m.put("usr/bin/hello-musl", "fixtures/out/c/hello-musl");
        m.put("usr/bin/hello-arm64", "fixtures/out/c/hello-aarch64");
        m.put("usr/bin/go-cgo", "fixtures/out/go/hello-linux-amd64-cgo");
        m.put("usr/bin/go-static", "fixtures/out/go/hello-linux-amd64");
        return m;
    }

    private Path directoryRoot() throws Exception {
        Path root = tmp.resolve("dir");
        for (Map.Entry<String, String> e : rootFiles().entrySet()) {
            Path dst = root.resolve(e.getKey());
            Files.createDirectories(dst.getParent());
            Files.copy(Path.of(e.getValue()), dst);
            dst.toFile().setExecutable(true, false);
        }
        Files.createDirectories(root.resolve("bin"));
        Files.createSymbolicLink(root.resolve("bin/sh"), Path.of("/usr/bin/dash"));
        Files.writeString(root.resolve("usr/bin/greet"), "#!/bin/sh\necho hi\n");
        root.resolve("usr/bin/greet").toFile().setExecutable(true, false);
        return root;
    }

    private TestImage image(List<String> entrypoint) throws Exception {
        TestImage img = new TestImage();
        img.entrypoint = entrypoint;
        img.env = List.of("PATH=/usr/local/bin:/usr/bin:/bin");
        TestImage.Layer base = img.layer().dir("lib64").dir("lib").dir("lib/x86_64-linux-gnu").dir("usr").dir("usr/bin")
                .dir("bin");
        for (Map.Entry<String, String> e : rootFiles().entrySet()) {
            base.file(e.getKey(), Files.readAllBytes(Path.of(e.getValue())), 0100755);
        }
        base.symlink("bin/sh", "/usr/bin/dash");
        base.file("usr/bin/greet", "#!/bin/sh\necho hi\n".getBytes(), 0100755);
        base.file("usr/bin/removed", "#!/bin/sh\n".getBytes(), 0100755);
        // a second layer: a whiteout removes a program, a hard link adds a name for ls
        img.layer().compression(TestImage.Compression.ZSTD).whiteout("usr/bin", "removed").hardlink("usr/bin/dir", "usr/bin/ls");
        return img;
    }

    private static Map<String, String> verdicts(RootFs root, List<String> programs, Place place) {
        ExecSimulator sim = new ExecSimulator(place.target());
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : programs) {
            ExecResult r = sim.explain(ExecRequest.of(p));
            out.put(p, r.verdict() instanceof Verdict.Fails f ? "fails: " + f.why() : "runs");
        }
        return out;
    }

    @Test
    void aDirectoryAndTheSameFilesAsAnImageGiveIdenticalVerdicts() throws Exception {
        Path dir = directoryRoot();
        Path oci = image(List.of("/usr/bin/ls")).writeOciLayout(tmp.resolve("oci"));
        List<String> programs = new ArrayList<>();
        for (String f : rootFiles().keySet()) {
            if (f.startsWith("usr/bin/")) {
                programs.add("/" + f);
            }
        }
        programs.add("/usr/bin/greet");
        programs.add("/bin/sh");
        try (Places places = new Places()) {
            Place asDir = Places.fromRoot("dir", RootFs.directory(dir), Optional.empty());
            Place asImage = places.fromImage("image", oci, Optional.empty());
            Map<String, String> a = verdicts(asDir.target().root(), programs, asDir);
            Map<String, String> b = verdicts(asImage.target().root(), programs, asImage);
            long same = programs.stream().filter(p -> a.get(p).equals(b.get(p))).count();
            System.out.println("directory root vs image: " + same + "/" + programs.size() + " verdicts identical");
            assertThat(b).isEqualTo(a);
            assertThat(a.get("/usr/bin/ls")).isEqualTo("runs");
            assertThat(a.get("/usr/bin/hello-musl")).startsWith("fails").contains("ld-musl");
            assertThat(a.get("/usr/bin/hello-arm64")).startsWith("fails");
            assertThat(a.get("/usr/bin/go-static")).isEqualTo("runs");
            assertThat(a.get("/usr/bin/greet")).isEqualTo("runs");
        }
    }

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void checkImageJudgesTheEntrypointAndEveryProgramOnPath() throws Exception {
        Path tar = image(List.of("ls", "-l")).writeDockerSave(tmp.resolve("ok.tar"));
        String[] r = run("check-image", tar.toString());
        assertThat(r[0]).as(r[1] + r[2]).isEqualTo("0");
        assertThat(r[1]).contains("entrypoint ls -l would start").contains("would not:")
                .contains("/usr/bin/hello-musl").contains("/usr/bin/hello-arm64").doesNotContain("/usr/bin/removed");
        JsonNode j = new ObjectMapper().readTree(run("check-image", "--json", tar.toString())[1]);
        assertThat(j.get("entrypointRuns").asBoolean()).isTrue();
        assertThat(j.get("programCount").asInt()).isEqualTo(10); // dash (also /bin/sh), ls (also dir), 8 more
        assertThat(j.get("failingPrograms").asInt()).isEqualTo(2);
    }

    @Test
    void anEntrypointThatWouldNotStartExitsOne() throws Exception {
        Path tar = image(List.of("/usr/bin/hello-musl")).writeDockerSave(tmp.resolve("bad.tar"));
        String[] r = run("check-image", tar.toString());
        assertThat(r[0]).isEqualTo("1");
        assertThat(r[1]).contains("would not start").contains("/lib/ld-musl-x86_64.so.1");
        assertThat(run("check-image", tmp.resolve("missing.tar").toString())[0]).isEqualTo("3");
    }

    @Test
    void aMatrixOverAnImageAndProfiles() throws Exception {
        Path oci = image(List.of("/usr/bin/ls")).writeOciLayout(tmp.resolve("m"));
        String[] r = run("matrix", "--json", "fixtures/out/c/hello-musl", "fixtures/out/go/hello-linux-amd64-cgo",
                "--targets", "image:" + oci + ",alpine-3.20,distroless-static,debian-12");
        assertThat(r[0]).isEqualTo("1");
        JsonNode cells = new ObjectMapper().readTree(r[1]).get("cells");
        Map<String, String> v = new LinkedHashMap<>();
        cells.forEach(c -> v.put(c.get("file").asText().replaceAll(".*/", "") + "@" + c.get("target").asText()
                .replaceAll("^image:.*", "image"), c.get("verdict").asText()));
        assertThat(v).containsEntry("hello-musl@image", "fails").containsEntry("hello-musl@alpine-3.20", "runs")
                .containsEntry("hello-musl@distroless-static", "fails").containsEntry("hello-musl@debian-12", "fails")
                .containsEntry("hello-linux-amd64-cgo@image", "runs")
                .containsEntry("hello-linux-amd64-cgo@alpine-3.20", "fails")
                .containsEntry("hello-linux-amd64-cgo@debian-12", "runs");
    }
}
