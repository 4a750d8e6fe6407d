package dev.execray.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.hardening.Hardening;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ScanServiceTest {
    @TempDir
    Path tmp;

    /** A release directory: two programs of this machine, a script, a text file, links in and out of the tree. */
    public static Path release(Path dir, String... programs) throws IOException {
        Files.createDirectories(dir.resolve("bin"));
        for (String p : programs) {
            Files.copy(Path.of(p), dir.resolve("bin").resolve(Path.of(p).getFileName()));
        }
        Path script = dir.resolve("bin/run.sh");
        Files.writeString(script, "#!/bin/sh\nexec true\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("README"), "not a program\n");
        Files.createSymbolicLink(dir.resolve("bin/outside"), Path.of("/usr/bin/env"));
        Files.createSymbolicLink(dir.resolve("loop"), dir);
        return dir;
    }

    @Test
    void aRootsUsrIsJudgedInThatRootEvenWithItsOwnEtc() throws IOException {
        Path root = tmp.resolve("rootfs");
        for (String d : new String[] {"etc", "usr/etc", "usr/bin", "usr/lib"}) {
            Files.createDirectories(root.resolve(d));
        }
        // /usr/etc exists on openSUSE (vendor configuration) and on some machines: /usr is still not a root
        assertThat(ScanService.rootOf(root.resolve("usr"))).isEqualTo(root);
        assertThat(ScanService.rootOf(root)).isEqualTo(root);
        assertThat(ScanService.rootOf(Path.of("/usr"))).isEqualTo(Path.of("/"));
        Path release = Files.createDirectories(tmp.resolve("release/bin"));
        assertThat(ScanService.rootOf(release.getParent())).isEqualTo(Path.of("/"));
    }

    @Test
    void aReleaseDirectoryIsScannedWithoutFollowingLinks() throws Exception {
        Path rel = release(tmp.resolve("r1"), "/usr/bin/ls", "/usr/bin/true");
        InputResult r;
        try (ScanService s = new ScanService(ScanOptions.defaults().withThreads(2))) {
            r = s.scan(new ScanInput.Tree(rel, Optional.empty()));
        }
        assertThat(r.errors()).isEmpty();
        List<String> names = r.files().stream().map(f -> Path.of(f.path()).getFileName().toString()).toList();
        assertThat(names).containsExactlyInAnyOrder("ls", "true", "run.sh"); // no README, no link targets
        FileRecord ls = r.files().stream().filter(f -> f.path().endsWith("/ls")).findFirst().orElseThrow();
        assertThat(ls.format()).isEqualTo("ELF");
        assertThat(ls.sha256()).hasSize(64);
        assertThat(ls.needed()).contains("libc.so.6");
        assertThat(ls.glibc()).isPresent();
        assertThat(ls.verdict(VerdictRecord.SELF).orElseThrow().status()).isEqualTo("runs");
        assertThat(ls.hardening()).containsInstanceOf(Hardening.Elf.class);
        Hardening.Elf h = (Hardening.Elf) ls.hardening().get();
        assertThat(h.nx()).isTrue();
        assertThat(h.pie().label()).isEqualTo("yes");
        FileRecord sh = r.files().stream().filter(f -> f.path().endsWith("run.sh")).findFirst().orElseThrow();
        assertThat(sh.format()).isEqualTo("SCRIPT");
        assertThat(sh.interpreter()).contains("/bin/sh");
    }

    @Test
    void targetsAreJudgedWithTheMatrixEngine() throws Exception {
        Path rel = release(tmp.resolve("r2"), "/usr/bin/ls");
        try (ScanService s = new ScanService(ScanOptions.defaults().withTargets(List.of("alpine-3.20", "debian-12")))) {
            InputResult r = s.scan(new ScanInput.Tree(rel, Optional.empty()));
            FileRecord ls = r.files().stream().filter(f -> f.path().endsWith("/ls")).findFirst().orElseThrow();
            assertThat(r.places()).containsExactly("self", "alpine-3.20", "debian-12");
            assertThat(ls.verdict("alpine-3.20").orElseThrow().status()).isEqualTo("fails");
            assertThat(ls.verdict("alpine-3.20").orElseThrow().reason()).contains("musl");
        }
    }

    @Test
    void aMissingInputIsThatInputsErrorNotAnException() throws Exception {
        try (ScanService s = new ScanService(ScanOptions.defaults())) {
            InputResult r = s.scan(new ScanInput.Tree(tmp.resolve("absent"), Optional.empty()));
            assertThat(r.files()).isEmpty();
            assertThat(r.errors()).singleElement().asString().contains("not a directory");
            InputResult img = s.scan(new ScanInput.Image(tmp.resolve("absent.tar"), Optional.empty()));
            assertThat(img.errors()).hasSize(1);
        }
    }

    @Test
    void theWalkIsBounded() throws Exception {
        Path rel = release(tmp.resolve("r3"), "/usr/bin/ls", "/usr/bin/true");
        try (ScanService s = new ScanService(new ScanOptions(List.of(), 1, 64, 1))) {
            InputResult r = s.scan(new ScanInput.Tree(rel, Optional.empty()));
            assertThat(r.files()).hasSize(1);
            assertThat(r.errors()).anyMatch(e -> e.contains("more than 1 candidate files"));
        }
    }
}
