package dev.execray.scan.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.execray.scan.InputResult;
import dev.execray.scan.ScanDiff;
import dev.execray.scan.ScanInput;
import dev.execray.scan.ScanOptions;
import dev.execray.scan.ScanService;
import dev.execray.scan.ScanServiceTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on a real SQLite file: round trip, migrations, foreign files refused, read-only queries, diffs. */
class ScanStoreTest {
    @TempDir
    Path tmp;

    private InputResult scan(Path dir) throws Exception {
        try (ScanService s = new ScanService(ScanOptions.defaults().withThreads(2))) {
            return s.scan(new ScanInput.Tree(dir, Optional.empty()));
        }
    }

    @Test
    void aScanIsReadBackAsItWasWritten() throws Exception {
        InputResult r = scan(ScanServiceTest.release(tmp.resolve("r"), "/usr/bin/ls", "/usr/bin/true"));
        Path db = tmp.resolve("execray.db");
        long id;
        try (ScanStore store = ScanStore.open(db)) {
            id = store.beginScan(Map.of("inputs", List.of("r")), "test");
            store.write(id, r);
        }
        try (ScanStore store = ScanStore.open(db)) { // reopening applies no migration twice
            assertThat(store.schemaVersion()).isEqualTo(Schema.latest());
            assertThat(store.resolve("latest")).isEqualTo(id);
            List<InputResult> back = store.load(id);
            assertThat(back).singleElement().usingRecursiveComparison().ignoringFields("millis").isEqualTo(r);
            assertThat(store.scans()).singleElement().extracting(ScanStore.ScanRow::files).isEqualTo(r.files().size());
        }
    }

    @Test
    void foreignFilesAreRefusedAndLeftAlone() throws Exception {
        Path text = tmp.resolve("notes.db");
        Files.writeString(text, "my notes\n");
        assertThatThrownBy(() -> ScanStore.open(text)).isInstanceOf(StoreException.class).hasMessageContaining("not a SQLite");
        assertThat(Files.readString(text)).isEqualTo("my notes\n");
        Path other = tmp.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE accounts(id INTEGER)");
        }
        assertThatThrownBy(() -> ScanStore.open(other)).hasMessageContaining("not an execray store");
        assertThatThrownBy(() -> ScanStore.openReadOnly(other)).hasMessageContaining("not an execray store");
        assertThatThrownBy(() -> ScanStore.openReadOnly(tmp.resolve("absent.db"))).hasMessageContaining("no such database");
    }

    @Test
    void aNewerSchemaIsRefused() throws Exception {
        Path db = tmp.resolve("new.db");
        try (ScanStore s = ScanStore.open(db)) {
            s.beginScan(Map.of(), "test");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        assertThatThrownBy(() -> ScanStore.open(db)).hasMessageContaining("newer execray");
    }

    @Test
    void queriesAreReadOnly() throws Exception {
        Path db = tmp.resolve("q.db");
        try (ScanStore s = ScanStore.open(db)) {
            s.write(s.beginScan(Map.of(), "test"), scan(ScanServiceTest.release(tmp.resolve("r"), "/usr/bin/ls")));
        }
        try (ScanStore s = ScanStore.openReadOnly(db)) {
            ScanStore.QueryResult q = s.query("SELECT format, count(*) AS n FROM files GROUP BY format ORDER BY format", 10);
            assertThat(q.columns()).containsExactly("format", "n");
            assertThat(q.rows()).contains(List.of("ELF", "1"), List.of("SCRIPT", "1"));
            assertThatThrownBy(() -> s.query("DELETE FROM files", 10)).isInstanceOf(StoreException.class);
            assertThatThrownBy(() -> s.query("DROP TABLE files", 10)).isInstanceOf(StoreException.class);
        }
        try (ScanStore s = ScanStore.openReadOnly(db)) {
            assertThat(s.query("SELECT count(*) FROM files", 10).rows()).containsExactly(List.of("2"));
        }
    }

    @Test
    void aReleaseDiffNamesWhatChanged() throws Exception {
        Path a = ScanServiceTest.release(tmp.resolve("v1"), "/usr/bin/true");
        Path b = ScanServiceTest.release(tmp.resolve("v2"), "/usr/bin/ls");
        // the same name, another program: v2's "true" is ls, which needs more libraries and a newer glibc
        Files.copy(Path.of("/usr/bin/ls"), b.resolve("bin/true"));
        Path db = tmp.resolve("d.db");
        long s1;
        long s2;
        try (ScanStore s = ScanStore.open(db)) {
            s1 = s.beginScan(Map.of(), "test");
            s.write(s1, scan(a));
            s2 = s.beginScan(Map.of(), "test");
            s.write(s2, scan(b));
        }
        try (ScanStore s = ScanStore.openReadOnly(db)) {
            assertThat(s.resolve("previous")).isEqualTo(s1);
            List<ScanDiff.Change> d = ScanDiff.diff(s.load(s1), s.load(s2));
            assertThat(d).extracting(ScanDiff.Change::text).contains("added /bin/ls (ELF x86-64)")
                    .anyMatch(t -> t.startsWith("changed /bin/true"))
                    .anyMatch(t -> t.equals("/bin/true: new library libselinux.so.1"));
        }
    }

    /** The same program in a tree whose library went away: the diff names the library, not the (unchanged) program. */
    @Test
    void aLibraryThatNoLongerResolvesIsADiffEvenWhenTheProgramIsUnchanged() throws Exception {
        Path rel = tmp.resolve("rel");
        Files.createDirectories(rel.resolve("bin"));
        Files.createDirectories(rel.resolve("lib"));
        Files.copy(Path.of("fixtures/out/roots/runpath/bin/use_xr"), rel.resolve("bin/use_xr"));
        Files.copy(Path.of("fixtures/out/roots/runpath/lib/libxr.so.1"), rel.resolve("lib/libxr.so.1"));
        Path db = tmp.resolve("r.db");
        long s1;
        long s2;
        try (ScanStore s = ScanStore.open(db)) {
            s1 = s.beginScan(Map.of(), "test");
            s.write(s1, scan(rel.resolve("bin")));
            Files.delete(rel.resolve("lib/libxr.so.1"));
            s2 = s.beginScan(Map.of(), "test");
            s.write(s2, scan(rel.resolve("bin")));
        }
        try (ScanStore s = ScanStore.openReadOnly(db)) {
            dev.execray.scan.FileRecord before = s.load(s1).get(0).files().get(0);
            assertThat(before.resolved()).extracting(dev.execray.scan.LibraryResolution::name)
                    .contains("libxr.so.1", "libc.so.6");
            assertThat(before.resolved()).filteredOn(l -> l.name().equals("libxr.so.1")).singleElement()
                    .satisfies(l -> {
                        assertThat(l.path()).contains(rel.resolve("bin/../lib/libxr.so.1").toString());
                        assertThat(l.how()).contains("RUNPATH");
                    });
            List<ScanDiff.Change> d = ScanDiff.diff(s.load(s1), s.load(s2));
            assertThat(d).extracting(ScanDiff.Change::kind).containsExactly("library-unresolved");
            assertThat(d.get(0).regression()).isTrue();
            assertThat(d.get(0).text()).isEqualTo("/use_xr: libxr.so.1 is no longer found (was "
                    + rel.resolve("bin/../lib/libxr.so.1") + ")");
            ScanStore.QueryResult q = s.query("SELECT r.name, coalesce(r.path, 'NULL') FROM resolutions r JOIN files f ON f.id = r.file_id "
                    + "JOIN inputs i ON i.id = f.input_id WHERE i.scan_id = " + s2 + " AND r.path IS NULL", 10);
            assertThat(q.rows()).containsExactly(List.of("libxr.so.1", "NULL"));
        }
    }

    /** A store made by schema 1 gains the resolutions table on open; its scans read back without resolutions. */
    @Test
    void aSchemaOneStoreIsMigrated() throws Exception {
        Path db = tmp.resolve("old.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            for (String sql : Schema.MIGRATIONS.get(0)) {
                st.execute(sql);
            }
            st.execute("PRAGMA application_id = " + Schema.APPLICATION_ID);
            st.execute("PRAGMA user_version = 1");
            st.execute("INSERT INTO scans VALUES (1, '2026-01-01T00:00:00Z', '{}', 'old')");
            st.execute("INSERT INTO inputs VALUES (1, 1, 'r', 'tree', '/', '/', 'linux/amd64', '[\"self\"]', '[]', '[]', 5)");
            st.execute("INSERT INTO files(id, input_id, path, size, mode, sha256, format, arch, os, type, problems) "
                    + "VALUES (1, 1, '/bin/x', 4, 493, 'ab', 'ELF', 'x86-64', 'NONE', 'DYN', '[]')");
        }
        try (ScanStore s = ScanStore.open(db)) {
            assertThat(s.schemaVersion()).isEqualTo(Schema.latest());
            assertThat(s.load(1).get(0).files().get(0).resolved()).isEmpty();
            assertThat(s.query("SELECT count(*) FROM resolutions", 1).rows()).containsExactly(List.of("0"));
        }
    }

    /** Mach-O hardening (schema 3 columns) is read back as written. */
    @Test
    void machOHardeningRoundTrips() throws Exception {
        Path rel = tmp.resolve("mac");
        Files.createDirectories(rel);
        Files.copy(Path.of("fixtures/out/go/hello-darwin-arm64"), rel.resolve("hello"));
        InputResult r = scan(rel);
        assertThat(r.files()).singleElement().satisfies(f -> assertThat(f.hardening().orElseThrow())
                .isInstanceOf(dev.execray.hardening.Hardening.MachO.class));
        Path db = tmp.resolve("m.db");
        try (ScanStore s = ScanStore.open(db)) {
            long id = s.beginScan(Map.of(), "test");
            s.write(id, r);
            assertThat(s.load(id)).singleElement().usingRecursiveComparison().ignoringFields("millis").isEqualTo(r);
            assertThat(s.query("SELECT format, pie, signed, hardened_runtime FROM hardening", 5).rows())
                    .containsExactly(List.of("MACHO", "yes", "1", "0"));
        }
    }
}
