package dev.execray.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.scan.store.ScanStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reuse of a tree's verdicts in its own root (docs/scan.md, "Reuse of earlier results"), through a real SQLite store
 * and an unpacked root holding this machine's ls, true, their loader and libraries: an unchanged root reuses every
 * verdict; a library changed in place makes exactly the programs that load it judged again; a library removed or a
 * new name in a searched directory makes every verdict judged again. After every change the result equals a scan
 * that reuses nothing.
 */
class TreeVerdictReuseTest {
    private static final String VERSION = "test-version";
    private static final String LIBS = "usr/lib/x86_64-linux-gnu";

    @TempDir
    Path tmp;

    private static InputResult scan(ScanInput in, PriorResults prior) throws Exception {
        try (ScanService s = new ScanService(ScanOptions.defaults())) {
            return s.scan(in, ScanService.Progress.NONE, prior);
        }
    }

    private static InputResult scanAndStore(Path db, ScanInput in) throws Exception {
        try (ScanStore store = ScanStore.open(db)) {
            InputResult r = scan(in, store.prior(VERSION));
            store.write(store.beginScan(Map.of(), VERSION), r);
            return r;
        }
    }

    private static String self(InputResult r, String path) {
        return r.files().stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow()
                .verdict(VerdictRecord.SELF).orElseThrow().status();
    }

    private static void pastRacyWindow() throws InterruptedException {
        Thread.sleep(ScanService.RACY_NANOS / 1_000_000 + 200);
    }

    /** An unpacked root (etc/ and usr/): ls needs libselinux and libpcre2, true only libc. */
    private Path root() throws Exception {
        Path r = tmp.resolve("root");
        Files.createDirectories(r.resolve("etc"));
        Files.createDirectories(r.resolve("usr/bin"));
        Files.createDirectories(r.resolve(LIBS));
        Files.createDirectories(r.resolve("lib64"));
        Files.createSymbolicLink(r.resolve("bin"), Path.of("usr/bin"));
        Files.createSymbolicLink(r.resolve("lib"), Path.of("usr/lib"));
        copy("/lib64/ld-linux-x86-64.so.2", r.resolve("lib64/ld-linux-x86-64.so.2"));
        for (String lib : new String[] {"libc.so.6", "libselinux.so.1", "libpcre2-8.so.0"}) {
            copy("/lib/x86_64-linux-gnu/" + lib, r.resolve(LIBS).resolve(lib));
        }
        copy("/usr/bin/ls", r.resolve("usr/bin/ls"));
        copy("/usr/bin/true", r.resolve("usr/bin/true"));
        Path sh = r.resolve("usr/bin/hello.sh");
        Files.writeString(sh, "#!/usr/bin/true\necho hi\n", StandardCharsets.UTF_8);
        sh.toFile().setExecutable(true);
        return r;
    }

    private static void copy(String from, Path to) throws Exception {
        Files.write(to, Files.readAllBytes(Path.of(from)));
        to.toFile().setExecutable(true);
    }

    @Test
    void verdictsFollowTheLibrariesTheyRead() throws Exception {
        Path root = root();
        Path db = tmp.resolve("execray.db");
        ScanInput in = new ScanInput.Tree(root, Optional.empty());
        pastRacyWindow();

        InputResult first = scanAndStore(db, in);
        assertThat(self(first, "/usr/bin/ls")).isEqualTo("runs");
        assertThat(self(first, "/usr/bin/true")).isEqualTo("runs");
        assertThat(self(first, "/usr/bin/hello.sh")).isEqualTo("runs");
        assertThat(first.reuse().verdictsReused()).isZero();
        assertThat(first.reuse().deps()).containsKeys("/usr/lib/x86_64-linux-gnu/libselinux.so.1", "/etc/ld.so.cache");
        assertThat(first.reuse().ownReads().get("/usr/bin/ls"))
                .contains("/usr/bin/ls", "/usr/lib/x86_64-linux-gnu/libselinux.so.1", "/lib64/ld-linux-x86-64.so.2");
        // a script's verdict read its interpreter, which is in its chain
        assertThat(first.reuse().ownReads().get("/usr/bin/hello.sh")).contains("/usr/bin/true");

        // unchanged: every verdict reused, nothing read, the same rows as a scan that reuses nothing
        InputResult second = scanAndStore(db, in);
        assertThat(second.reuse().verdictsReused()).isEqualTo(7); // the libraries have execute bits: they are judged too
        assertThat(second.reuse().notRead()).isEqualTo(second.files().size());
        assertThat(second.files()).isEqualTo(scan(in, PriorResults.NONE).files());

        // libselinux rewritten in place (same inode, same directory): its first page is kept, the rest is zeroes,
        // so its dynamic section is gone. Only ls loads it: only ls is judged again, and now fails.
        Path selinux = root.resolve(LIBS).resolve("libselinux.so.1");
        byte[] good = Files.readAllBytes(selinux);
        byte[] broken = good.clone();
        java.util.Arrays.fill(broken, 65536, broken.length, (byte) 0);
        Files.write(selinux, broken, StandardOpenOption.TRUNCATE_EXISTING);
        pastRacyWindow();
        InputResult third = scanAndStore(db, in);
        assertThat(self(third, "/usr/bin/ls")).isEqualTo("fails");
        assertThat(self(third, "/usr/bin/true")).isEqualTo("runs");
        // judged again: ls, and libselinux itself (it has an execute bit, so it is judged as a program too)
        assertThat(third.reuse().verdictsReused()).isEqualTo(5);
        assertThat(third.reuse().verdictOutcome()).hasValueSatisfying(
                v -> assertThat(v).contains("1 path(s) they read changed, 2 file(s) judged again"));
        assertThat(third.files()).isEqualTo(scan(in, PriorResults.NONE).files());

        // restored in place: ls runs again
        Files.write(selinux, good, StandardOpenOption.TRUNCATE_EXISTING);
        pastRacyWindow();
        InputResult fourth = scanAndStore(db, in);
        assertThat(self(fourth, "/usr/bin/ls")).isEqualTo("runs");
        assertThat(fourth.reuse().verdictsReused()).isEqualTo(5);
        assertThat(fourth.files()).isEqualTo(scan(in, PriorResults.NONE).files());

        // libpcre2 removed: a name the loader looked up is gone, so every verdict is judged again
        Files.delete(root.resolve(LIBS).resolve("libpcre2-8.so.0"));
        pastRacyWindow();
        InputResult fifth = scanAndStore(db, in);
        assertThat(fifth.reuse().verdictsReused()).isZero();
        assertThat(fifth.reuse().verdictOutcome()).hasValueSatisfying(
                v -> assertThat(v).contains("none reused").contains("libpcre2-8.so.0"));
        assertThat(self(fifth, "/usr/bin/ls")).isEqualTo("fails");
        assertThat(self(fifth, "/usr/bin/true")).isEqualTo("runs");
        assertThat(fifth.files()).isEqualTo(scan(in, PriorResults.NONE).files());
    }

    @Test
    void aLibraryAppearingEarlierInTheSearchVoidsEveryVerdict() throws Exception {
        Path root = root();
        Path db = tmp.resolve("execray.db");
        ScanInput in = new ScanInput.Tree(root, Optional.empty());
        pastRacyWindow();
        InputResult first = scanAndStore(db, in);
        // no ld.so.cache: the loader searches the default directories and their legacy hardware-capability
        // subdirectories, which this root does not have; it asked whether tls exists, and was told no
        assertThat(first.reuse().deps()).containsEntry("/usr/lib/x86_64-linux-gnu/tls", "-");
        Path tls = Files.createDirectories(root.resolve(LIBS).resolve("tls"));
        Files.write(tls.resolve("libselinux.so.1"), Files.readAllBytes(Path.of("/usr/bin/true")));
        pastRacyWindow();
        InputResult again = scanAndStore(db, in);
        assertThat(again.reuse().verdictsReused()).isZero();
        assertThat(again.files()).isEqualTo(scan(in, PriorResults.NONE).files());
    }

    @Test
    void aProgramChangedIsJudgedAgainWithTheScriptsItInterprets() throws Exception {
        Path root = root();
        Path db = tmp.resolve("execray.db");
        ScanInput in = new ScanInput.Tree(root, Optional.empty());
        pastRacyWindow();
        scanAndStore(db, in);
        // true becomes a text file without #!: hello.sh, whose interpreter it is, cannot start any more
        Files.writeString(root.resolve("usr/bin/true"), "not a program\n", StandardCharsets.UTF_8,
                StandardOpenOption.TRUNCATE_EXISTING);
        pastRacyWindow();
        InputResult again = scanAndStore(db, in);
        assertThat(self(again, "/usr/bin/hello.sh")).isEqualTo("fails");
        assertThat(self(again, "/usr/bin/ls")).isEqualTo("runs");
        assertThat(again.files()).isEqualTo(scan(in, PriorResults.NONE).files());
    }

    @Test
    void ownersAreKeptWhileThePackageDatabaseIsUnchangedAndReadAgainWhenItChanges() throws Exception {
        Path root = root();
        Path info = Files.createDirectories(root.resolve("var/lib/dpkg/info"));
        Files.writeString(root.resolve("var/lib/dpkg/status"), "Package: coreutils\nStatus: install ok installed\n"
                + "Architecture: amd64\nVersion: 9.1-1\n\n", StandardCharsets.UTF_8);
        Path list = info.resolve("coreutils.list");
        Files.writeString(list, "/usr/bin/ls\n/usr/bin/true\n", StandardCharsets.UTF_8);
        Path db = tmp.resolve("execray.db");
        ScanInput in = new ScanInput.Tree(root, Optional.empty());
        pastRacyWindow();
        InputResult first = scanAndStore(db, in);
        assertThat(owner(first, "/usr/bin/ls")).contains("coreutils");
        assertThat(first.reuse().packageDeps()).containsKeys("/var/lib/dpkg/status",
                "/var/lib/dpkg/info/coreutils.list");

        InputResult second = scanAndStore(db, in);
        assertThat(owner(second, "/usr/bin/ls")).contains("coreutils");
        // what became of the earlier verdicts is about the run, not the input: the notes stay the same
        assertThat(second.notes()).isEqualTo(first.notes());
        assertThat(first.reuse().verdictOutcome()).hasValueSatisfying(v -> assertThat(v).startsWith("none reused ("));
        assertThat(second.reuse().verdictOutcome()).hasValueSatisfying(v -> assertThat(v).contains(" reused; "));
        assertThat(second.files()).isEqualTo(scan(in, PriorResults.NONE).files());

        // the list rewritten in place, without ls: the database is read again, and ls has no owner
        Files.writeString(list, "/usr/bin/true\n", StandardCharsets.UTF_8);
        pastRacyWindow();
        InputResult third = scanAndStore(db, in);
        assertThat(owner(third, "/usr/bin/ls")).isEmpty();
        assertThat(owner(third, "/usr/bin/true")).contains("coreutils");
        assertThat(third.reuse().verdictsReused()).isEqualTo(7); // the package database is not read by a verdict
        assertThat(third.files()).isEqualTo(scan(in, PriorResults.NONE).files());
    }

    private static Optional<String> owner(InputResult r, String path) {
        return r.files().stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow().owner()
                .map(OsPackage::name);
    }
}
