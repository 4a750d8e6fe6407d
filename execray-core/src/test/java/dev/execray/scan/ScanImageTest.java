package dev.execray.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.rootfs.image.TestImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images as scan inputs: programs judged inside the image, links never followed out of it, hostile images refused. */
class ScanImageTest {
    @TempDir
    Path tmp;

    private static TestImage debianLike() throws Exception {
        TestImage img = new TestImage();
        TestImage.Layer l = img.layer();
        l.dir("usr").dir("usr/bin").dir("usr/lib").dir("usr/lib/x86_64-linux-gnu").dir("lib64").dir("etc");
        l.symlink("bin", "usr/bin").symlink("lib", "usr/lib");
        l.file("lib64/ld-linux-x86-64.so.2", Files.readAllBytes(Path.of("/lib64/ld-linux-x86-64.so.2")), 0755);
        l.file("usr/lib/x86_64-linux-gnu/libc.so.6", Files.readAllBytes(Path.of("/lib/x86_64-linux-gnu/libc.so.6")), 0755);
        l.file("usr/bin/true", Files.readAllBytes(Path.of("/usr/bin/true")), 0755);
        l.file("usr/bin/ls", Files.readAllBytes(Path.of("/usr/bin/ls")), 0755); // needs libselinux: missing here
        l.file("usr/bin/hello.sh", "#!/bin/sh\necho hi\n".getBytes(), 0755);
        l.symlink("usr/bin/escape", "../../../../../etc/passwd");
        return img;
    }

    @Test
    void programsAreJudgedInsideTheImage() throws Exception {
        Path tar = debianLike().writeDockerSave(tmp.resolve("img.tar"));
        try (ScanService s = new ScanService(ScanOptions.defaults().withTargets(List.of("alpine-3.20")))) {
            InputResult r = s.scan(new ScanInput.Image(tar, Optional.empty()));
            assertThat(r.errors()).isEmpty();
            assertThat(r.kind()).isEqualTo("image");
            FileRecord tru = r.files().stream().filter(f -> f.path().equals("/usr/bin/true")).findFirst().orElseThrow();
            assertThat(tru.verdict(VerdictRecord.SELF).orElseThrow().status()).isEqualTo("runs");
            assertThat(tru.verdict("alpine-3.20").orElseThrow().status()).isEqualTo("fails");
            FileRecord ls = r.files().stream().filter(f -> f.path().equals("/usr/bin/ls")).findFirst().orElseThrow();
            assertThat(ls.verdict(VerdictRecord.SELF).orElseThrow().status()).isEqualTo("fails");
            assertThat(ls.verdict(VerdictRecord.SELF).orElseThrow().reason()).contains("libselinux.so.1");
            assertThat(r.files()).extracting(FileRecord::path).doesNotContain("/usr/bin/escape", "/etc/passwd")
                    .contains("/usr/bin/hello.sh", "/usr/lib/x86_64-linux-gnu/libc.so.6");
            assertThat(r.notes()).anyMatch(n -> n.contains("fortify catalogue: /lib/x86_64-linux-gnu/libc.so.6"));
        }
    }

    @Test
    void aHostileImageIsThatInputsErrorAndTheNextInputIsScanned() throws Exception {
        TestImage bad = new TestImage();
        bad.layer().file("../../escaped", "x");
        Path badTar = bad.writeDockerSave(tmp.resolve("bad.tar"));
        Path junk = tmp.resolve("junk.tar");
        Files.writeString(junk, "not a tar at all");
        Path good = debianLike().writeOciLayout(tmp.resolve("good-oci"));
        try (ScanService s = new ScanService(ScanOptions.defaults())) {
            InputResult b = s.scan(new ScanInput.Image(badTar, Optional.empty()));
            InputResult j = s.scan(new ScanInput.Image(junk, Optional.empty()));
            InputResult g = s.scan(new ScanInput.Image(good, Optional.empty()));
            assertThat(j.errors()).hasSize(1);
            assertThat(j.files()).isEmpty();
            assertThat(b.files()).extracting(FileRecord::path).noneMatch(p -> p.contains(".."));
            assertThat(g.errors()).isEmpty();
            assertThat(g.files()).hasSizeGreaterThanOrEqualTo(4);
        }
        assertThat(tmp.resolve("escaped")).doesNotExist();
        assertThat(tmp.getParent().resolve("escaped")).doesNotExist();
    }
}
