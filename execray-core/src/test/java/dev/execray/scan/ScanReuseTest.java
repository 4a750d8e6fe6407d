package dev.execray.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.rootfs.image.TestImage;
import dev.execray.scan.store.ScanStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reuse of earlier results through a real SQLite store (docs/scan.md, "Reuse of earlier results"): a re-scan reuses
 * and gives the rows a fresh scan gives; a changed file or library is never answered from the store.
 */
class ScanReuseTest {
    private static final String VERSION = "test-version";

    @TempDir
    Path tmp;

    private static InputResult scan(ScanInput in, PriorResults prior) throws Exception {
        try (ScanService s = new ScanService(ScanOptions.defaults())) {
            return s.scan(in, ScanService.Progress.NONE, prior);
        }
    }

    private static InputResult scanAndStore(Path db, ScanInput in, boolean reuse) throws Exception {
        try (ScanStore store = ScanStore.open(db)) {
            InputResult r = scan(in, reuse ? store.prior(VERSION) : PriorResults.NONE);
            store.write(store.beginScan(java.util.Map.of(), VERSION), r);
            return r;
        }
    }

    private static FileRecord file(InputResult r, String suffix) {
        return r.files().stream().filter(f -> f.path().endsWith(suffix)).findFirst().orElseThrow();
    }

    /** Sleeps past the racy window, so the files' stamps are trusted (ScanService.stampOf). */
    private static void pastRacyWindow() throws InterruptedException {
        Thread.sleep(ScanService.RACY_NANOS / 1_000_000 + 200);
    }

    private Path release() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("release"));
        Files.copy(Path.of("/usr/bin/true"), dir.resolve("true"));
        Files.copy(Path.of("/usr/bin/ls"), dir.resolve("ls"));
        Path sh = dir.resolve("hello.sh");
        Files.writeString(sh, "#!/bin/sh\necho hi\n", StandardCharsets.UTF_8);
        sh.toFile().setExecutable(true);
        return dir;
    }

    @Test
    void aRescanOfAnUnchangedTreeReusesEveryFileAndGivesTheFreshRows() throws Exception {
        Path dir = release();
        pastRacyWindow();
        Path db = tmp.resolve("execray.db");
        ScanInput in = new ScanInput.Tree(dir, Optional.empty());
        InputResult first = scanAndStore(db, in, true);
        assertThat(first.files()).hasSize(3);
        assertThat(first.reuse().analysed()).isEqualTo(3);
        assertThat(first.reuse().reused()).isZero();
        assertThat(first.reuse().stamps()).hasSize(3);

        InputResult second = scanAndStore(db, in, true);
        assertThat(second.reuse().analysed()).isZero();
        assertThat(second.reuse().reused()).isEqualTo(3);
        assertThat(second.reuse().notRead()).isEqualTo(3);
        assertThat(second.reuse().wholeInput()).isFalse(); // a tree's verdicts are always recomputed

        InputResult fresh = scanAndStore(db, in, false);
        assertThat(fresh.reuse().reused()).isZero();
        assertThat(second.files()).isEqualTo(fresh.files());
        assertThat(second.files()).isEqualTo(first.files());
        try (ScanStore store = ScanStore.openReadOnly(db)) {
            assertThat(store.schemaVersion()).isEqualTo(6);
            List<InputResult> s2 = store.load(2);
            List<InputResult> s3 = store.load(3);
            assertThat(s2.get(0).files()).isEqualTo(s3.get(0).files());
            assertThat(s2.get(0).reuse().reused()).isEqualTo(3);
            assertThat(s3.get(0).reuse().analysed()).isEqualTo(3);
        }
    }

    @Test
    void changedBytesWithTheSameSizeAndMtimeAreReadAgainBecauseTheCtimeMoved() throws Exception {
        Path dir = release();
        pastRacyWindow();
        Path db = tmp.resolve("execray.db");
        ScanInput in = new ScanInput.Tree(dir, Optional.empty());
        InputResult first = scanAndStore(db, in, true);
        Path sh = dir.resolve("hello.sh");
        FileTime mtime = Files.getLastModifiedTime(sh);
        long size = Files.size(sh);
        FileStamp before = first.reuse().stamps().get(file(first, "/hello.sh").path());
        // same length, same mtime: only the bytes (the interpreter) and the ctime change
        Files.writeString(sh, "#!/bin/zz\necho hi\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(sh, mtime);
        assertThat(Files.size(sh)).isEqualTo(size);
        pastRacyWindow(); // so that the ctime, not the racy window, is what makes the stamp differ

        InputResult second = scanAndStore(db, in, true);
        FileStamp after = second.reuse().stamps().get(file(second, "/hello.sh").path());
        assertThat(after.mtimeNanos()).isEqualTo(before.mtimeNanos());
        assertThat(after.size()).isEqualTo(before.size());
        assertThat(after.ctimeNanos()).isNotEqualTo(before.ctimeNanos());
        assertThat(second.reuse().analysed()).isEqualTo(1);
        assertThat(second.reuse().notRead()).isEqualTo(2);
        FileRecord script = file(second, "/hello.sh");
        assertThat(script.sha256()).isNotEqualTo(file(first, "/hello.sh").sha256());
        assertThat(script.interpreter()).contains("/bin/zz");
        assertThat(script.verdict(VerdictRecord.SELF).orElseThrow().status()).isEqualTo("fails");
        assertThat(second.files()).isEqualTo(scan(in, PriorResults.NONE).files());
    }

    @Test
    void copiesWithOtherInodesAreReadAgainAndMatchedByTheirSha256() throws Exception {
        Path dir = release();
        pastRacyWindow();
        Path db = tmp.resolve("execray.db");
        scanAndStore(db, new ScanInput.Tree(dir, Optional.empty()), true);
        Path copy = Files.createDirectories(tmp.resolve("copy"));
        for (String n : List.of("true", "ls", "hello.sh")) {
            Files.copy(dir.resolve(n), copy.resolve(n), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
        ScanInput in = new ScanInput.Tree(copy, Optional.empty());
        InputResult second = scanAndStore(db, in, true);
        // no stored stamp names these inodes: every file was read, then its analysis was found by its SHA-256
        assertThat(second.reuse().reused()).isEqualTo(3);
        assertThat(second.reuse().notRead()).isZero();
        assertThat(second.files()).isEqualTo(scan(in, PriorResults.NONE).files());
    }

    private static TestImage image(boolean withSelinux) throws Exception {
        TestImage img = new TestImage();
        TestImage.Layer l = img.layer();
        l.dir("usr").dir("usr/bin").dir("usr/lib").dir("usr/lib/x86_64-linux-gnu").dir("lib64").dir("etc");
        l.symlink("bin", "usr/bin").symlink("lib", "usr/lib");
        l.file("lib64/ld-linux-x86-64.so.2", Files.readAllBytes(Path.of("/lib64/ld-linux-x86-64.so.2")), 0755);
        l.file("usr/lib/x86_64-linux-gnu/libc.so.6", Files.readAllBytes(Path.of("/lib/x86_64-linux-gnu/libc.so.6")), 0755);
        l.file("usr/bin/ls", Files.readAllBytes(Path.of("/usr/bin/ls")), 0755);
        l.file("usr/bin/hello.sh", "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8), 0755);
        TestImage.Layer libs = img.layer();
        libs.dir("usr").dir("usr/lib").dir("usr/lib/x86_64-linux-gnu");
        libs.file("usr/lib/x86_64-linux-gnu/libpcre2-8.so.0",
                Files.readAllBytes(Path.of("/lib/x86_64-linux-gnu/libpcre2-8.so.0")), 0644);
        if (withSelinux) {
            libs.file("usr/lib/x86_64-linux-gnu/libselinux.so.1",
                    Files.readAllBytes(Path.of("/lib/x86_64-linux-gnu/libselinux.so.1")), 0644);
        }
        return img;
    }

    @Test
    void anUnchangedImageIsReusedWholeAndAChangedLayerGivesNewVerdicts() throws Exception {
        Path db = tmp.resolve("execray.db");
        ScanInput v1 = new ScanInput.Image(image(true).writeDockerSave(tmp.resolve("v1.tar")), Optional.empty());
        InputResult first = scanAndStore(db, v1, true);
        assertThat(first.errors()).isEmpty();
        assertThat(first.reuse().wholeInput()).isFalse();
        assertThat(first.reuse().fingerprint()).isPresent();
        assertThat(file(first, "/usr/bin/ls").verdict(VerdictRecord.SELF).orElseThrow().status()).isEqualTo("runs");

        InputResult again = scanAndStore(db, v1, true);
        assertThat(again.reuse().wholeInput()).isTrue();
        assertThat(again.reuse().reused()).isEqualTo(first.files().size());
        assertThat(again.files()).isEqualTo(scan(v1, PriorResults.NONE).files());

        // the second layer no longer holds libselinux, which ls needs: same programs, new verdicts
        ScanInput v2 = new ScanInput.Image(image(false).writeDockerSave(tmp.resolve("v2.tar")), Optional.empty());
        InputResult changed = scanAndStore(db, v2, true);
        assertThat(changed.reuse().wholeInput()).isFalse();
        assertThat(changed.reuse().fingerprint()).isNotEqualTo(first.reuse().fingerprint());
        // ls, hello.sh, ld.so, libc, libpcre2: same bytes, analyses reused; only the verdicts are new
        assertThat(changed.reuse().reused()).isEqualTo(5);
        assertThat(changed.reuse().analysed()).isZero();
        VerdictRecord ls = file(changed, "/usr/bin/ls").verdict(VerdictRecord.SELF).orElseThrow();
        assertThat(ls.status()).isEqualTo("fails");
        assertThat(ls.reason()).contains("libselinux.so.1");
        assertThat(changed.files()).isEqualTo(scan(v2, PriorResults.NONE).files());
    }

    @Test
    void anImageScannedWithErrorsIsNotReusedWhole() throws Exception {
        Path db = tmp.resolve("execray.db");
        Path junk = Files.writeString(tmp.resolve("junk.tar"), "not an image", StandardCharsets.UTF_8);
        ScanInput in = new ScanInput.Image(junk, Optional.empty());
        InputResult first = scanAndStore(db, in, true);
        assertThat(first.errors()).isNotEmpty();
        assertThat(first.reuse().fingerprint()).isEmpty();
        InputResult second = scanAndStore(db, in, true);
        assertThat(second.reuse().wholeInput()).isFalse();
        assertThat(second.errors()).isEqualTo(first.errors());
    }

    @Test
    void anotherVersionsAnalysisIsNeverReused() throws Exception {
        Path dir = release();
        Path db = tmp.resolve("execray.db");
        ScanInput in = new ScanInput.Tree(dir, Optional.empty());
        scanAndStore(db, in, true);
        try (ScanStore store = ScanStore.open(db)) {
            InputResult r = scan(in, store.prior("another-version"));
            assertThat(r.reuse().reused()).isZero();
            assertThat(r.reuse().analysed()).isEqualTo(3);
        }
    }
}
