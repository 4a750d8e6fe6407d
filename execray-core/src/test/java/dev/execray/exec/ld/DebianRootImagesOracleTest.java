package dev.execray.exec.ld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.exec.ExecRequest;
import dev.execray.exec.ExecResult;
import dev.execray.exec.ExecSimulator;
import dev.execray.exec.places.Place;
import dev.execray.exec.places.Places;
import dev.execray.exec.verdict.Verdict;
import dev.execray.rootfs.RootFs;
import dev.execray.rootfs.image.TestImage;
import dev.execray.place.Arch;
import dev.execray.place.Libc;
import dev.execray.place.RootFacts;
import dev.execray.testing.Run;
import dev.execray.truth.Oracle;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Roots made of Debian packages unpacked with dpkg -x — the arm64 glibc root of {@link Arm64RootOracleTest} and
 * a musl root from Debian's musl package — packed by the test into OCI images (layers of their files, links
 * and directories, zstd and gzip): detection finds the same facts, and every ELF program gets the same verdict
 * from the directory and from the image.
 */
@Tag("oracle")
class DebianRootImagesOracleTest {
    @TempDir
    Path tmp;

    /** Packs a directory tree into a two-layer image: directories and links first, then the files. */
    static TestImage pack(Path root, String arch) throws Exception {
        TestImage img = new TestImage();
        img.arch = arch;
        TestImage.Layer tree = img.layer().compression(TestImage.Compression.GZIP);
        TestImage.Layer files = img.layer().compression(TestImage.Compression.ZSTD);
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                if (p.equals(root)) {
                    continue;
                }
                String name = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    tree.symlink(name, Files.readSymbolicLink(p).toString());
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    tree.dir(name);
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.file(name, Files.readAllBytes(p), 0100000 | (Files.isExecutable(p) ? 0755 : 0644));
                }
            }
        }
        return img;
    }

    private static int compare(String what, Place dir, Place image, List<String> programs) {
        ExecSimulator a = new ExecSimulator(dir.target());
        ExecSimulator b = new ExecSimulator(image.target());
        int same = 0;
        List<String> diffs = new ArrayList<>();
        for (String p : programs) {
            String va = describe(a.explain(ExecRequest.of(p)));
            String vb = describe(b.explain(ExecRequest.of(p)));
            if (va.equals(vb)) {
                same++;
            } else if (diffs.size() < 5) {
                diffs.add(p + ": directory " + va + " / image " + vb);
            }
        }
        System.out.println("oracle " + what + " directory vs image verdicts: " + same + "/" + programs.size() + " identical");
        diffs.forEach(System.out::println);
        return same;
    }

    private static String describe(ExecResult r) {
        return r.verdict() instanceof Verdict.Fails f ? "fails: " + f.why() : "runs";
    }

    @Test
    void anArm64GlibcRootAsADirectoryAndAsAnImage() throws Exception {
        Optional<Path> root = Arm64RootOracleTest.buildRoot();
        Oracle.require(root.isPresent(), "arm64 packages downloadable with apt-get download "
                + "(dpkg --add-architecture arm64 && apt-get update; network access to the Debian mirror)");
        List<String> programs = Arm64RootOracleTest.aarch64Files(root.get());
        Path oci = pack(root.get(), "arm64").writeOciLayout(tmp.resolve("arm64-oci"));
        try (Places places = new Places()) {
            Place dir = Places.fromRoot("dir", RootFs.directory(root.get()), Optional.of(Arch.ARM64));
            Place image = places.fromImage("image", oci, Optional.empty());
            assertThat(image.target().arch()).isEqualTo(Arch.ARM64);
            RootFacts fa = RootFacts.detect(dir.target().root());
            RootFacts fb = RootFacts.detect(image.target().root());
            assertThat(fb.libc()).isEqualTo(fa.libc()).contains(Libc.GLIBC);
            assertThat(fb.libcVersion()).isEqualTo(fa.libcVersion()).isPresent();
            assertThat(compare("arm64 glibc root", dir, image, programs)).isEqualTo(programs.size());
            assertThat(programs).hasSizeGreaterThan(20);
        }
    }

    @Test
    void aMuslRootFromDebiansMuslPackage() throws Exception {
        Path debs = Path.of("target/oracle-cache/musl-debs").toAbsolutePath();
        Files.createDirectories(debs);
        try (Stream<Path> s = Files.list(debs)) {
            if (s.noneMatch(p -> p.toString().endsWith(".deb"))) {
                Run.Result r = Run.run(List.of("apt-get", "download", "musl"), Map.of(), debs);
                Oracle.require(r.exit() == 0, "apt-get download musl: " + r.err().strip()
                        + " (apt-get update; network access to the Debian mirror)");
            }
        }
        Path root = tmp.resolve("musl-root");
        Files.createDirectories(root.resolve("usr/bin"));
        try (Stream<Path> s = Files.list(debs)) {
            for (Path deb : (Iterable<Path>) s::iterator) {
                assertThat(Run.run(List.of("dpkg", "-x", deb.toString(), root.toString())).exit()).isZero();
            }
        }
        // Debian installs musl's loader under /lib/x86_64-linux-musl; an Alpine-like root has it in /lib
        Path loader = root.resolve("lib/ld-musl-x86_64.so.1");
        if (!Files.exists(loader, LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(loader, Path.of("x86_64-linux-musl/libc.so"));
        }
        List<String> programs = new ArrayList<>();
        for (String f : List.of("hello-musl", "hello-musl-static", "hello-x86_64-pie", "hello-x86_64-static")) {
            Files.copy(Path.of("fixtures/out/c", f), root.resolve("usr/bin/" + f));
            root.resolve("usr/bin/" + f).toFile().setExecutable(true, false);
            programs.add("/usr/bin/" + f);
        }
        Path oci = pack(root, "amd64").writeOciLayout(tmp.resolve("musl-oci"));
        try (Places places = new Places()) {
            Place dir = Places.fromRoot("dir", RootFs.directory(root), Optional.empty());
            Place image = places.fromImage("image", oci, Optional.empty());
            assertThat(RootFacts.detect(image.target().root()).libc()).contains(Libc.MUSL);
            assertThat(RootFacts.detect(image.target().root()).libcVersion())
                    .isEqualTo(RootFacts.detect(dir.target().root()).libcVersion()).isPresent();
            assertThat(compare("musl root", dir, image, programs)).isEqualTo(programs.size());
            ExecSimulator sim = new ExecSimulator(image.target());
            assertThat(sim.explain(ExecRequest.of("/usr/bin/hello-musl")).runs()).isTrue();
            assertThat(sim.explain(ExecRequest.of("/usr/bin/hello-x86_64-pie")).runs()).isFalse();
        }
    }
}
