package dev.execray.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.scan.store.ScanStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A re-scan of a tree does not read again the magic of files that were not candidates and did not change (docs/scan.md,
 * "Reuse of earlier results"): each directory's digest of their names and stamps decides. Whatever changes -- a file
 * rewritten in place into a program, a new file, a file removed, a mode changed -- the digest differs and the directory
 * is read as on a first scan, so the candidates are always those of a scan that reuses nothing.
 */
class QuietDirsTest {
    private static final String VERSION = "test-version";

    @TempDir
    Path tmp;

    private record Run(InputResult result, long magicReads) {
    }

    private static Run scanAndStore(Path db, ScanInput in) throws Exception {
        try (ScanStore store = ScanStore.open(db); ScanService s = new ScanService(ScanOptions.defaults())) {
            InputResult r = s.scan(in, ScanService.Progress.NONE, store.prior(VERSION));
            store.write(store.beginScan(Map.of(), VERSION), r);
            return new Run(r, s.magicReads());
        }
    }

    private static List<String> candidatesOfAScanReusingNothing(ScanInput in) throws Exception {
        try (ScanService s = new ScanService(ScanOptions.defaults())) {
            return paths(s.scan(in, ScanService.Progress.NONE, PriorResults.NONE));
        }
    }

    private static List<String> paths(InputResult r) {
        return r.files().stream().map(FileRecord::path).toList();
    }

    private static void pastRacyWindow() throws InterruptedException {
        Thread.sleep(ScanService.RACY_NANOS / 1_000_000 + 200);
    }

    @Test
    void unchangedDirectoriesAreNotReadAgainAndEveryChangeIsSeen() throws Exception {
        Path tree = tmp.resolve("release");
        Path docs = Files.createDirectories(tree.resolve("share/doc"));
        Path bin = Files.createDirectories(tree.resolve("bin"));
        for (int i = 0; i < 20; i++) {
            Files.writeString(docs.resolve("note-" + i + ".txt"), "not a program " + i + "\n", StandardCharsets.UTF_8);
        }
        Files.write(bin.resolve("true"), Files.readAllBytes(Path.of("/usr/bin/true")));
        bin.resolve("true").toFile().setExecutable(true);
        Files.writeString(bin.resolve("README"), "text beside a program\n", StandardCharsets.UTF_8);
        ScanInput in = new ScanInput.Tree(tree, Optional.of(Path.of("/")));
        Path db = tmp.resolve("execray.db");
        pastRacyWindow();

        Run first = scanAndStore(db, in);
        assertThat(first.magicReads()).isEqualTo(22); // 20 notes, README and true
        String docsPath = docs.toAbsolutePath().toString();
        assertThat(first.result().reuse().quietDirs()).containsKeys(docsPath, bin.toAbsolutePath().toString());

        Run second = scanAndStore(db, in);
        assertThat(second.magicReads()).isZero();
        assertThat(paths(second.result())).isEqualTo(paths(first.result()));
        assertThat(second.result().reuse().quietDirs()).isEqualTo(first.result().reuse().quietDirs());

        // a note rewritten in place into a program: the directory's digest differs, its files are read again
        Path note = docs.resolve("note-7.txt");
        Files.write(note, Files.readAllBytes(Path.of("/usr/bin/true")), StandardOpenOption.TRUNCATE_EXISTING);
        pastRacyWindow();
        Run third = scanAndStore(db, in);
        assertThat(third.magicReads()).isEqualTo(20); // share/doc again, bin not
        assertThat(paths(third.result())).contains(note.toAbsolutePath().toString())
                .isEqualTo(candidatesOfAScanReusingNothing(in));

        // a new file, a removed one, a mode changed: each is seen
        Files.writeString(docs.resolve("new.txt"), "new\n", StandardCharsets.UTF_8);
        Files.delete(docs.resolve("note-3.txt"));
        Files.writeString(bin.resolve("README"), "#!/bin/sh\necho hi\n", StandardCharsets.UTF_8);
        pastRacyWindow();
        Run fourth = scanAndStore(db, in);
        assertThat(paths(fourth.result())).isEqualTo(candidatesOfAScanReusingNothing(in));
        bin.resolve("README").toFile().setExecutable(true); // a script counts only with an execute bit
        pastRacyWindow();
        Run fifth = scanAndStore(db, in);
        assertThat(paths(fifth.result())).contains(bin.resolve("README").toAbsolutePath().toString())
                .isEqualTo(candidatesOfAScanReusingNothing(in));
        assertThat(fifth.magicReads()).isEqualTo(1); // bin's README; share/doc is quiet again
    }

    @Test
    void factsOfTheMachineThatChangedCostTheVerdictsNotTheWalk() throws Exception {
        Path tree = tmp.resolve("rel");
        Path docs = Files.createDirectories(tree.resolve("doc"));
        for (int i = 0; i < 5; i++) {
            Files.writeString(docs.resolve("n" + i + ".txt"), "text " + i + "\n", StandardCharsets.UTF_8);
        }
        Path bin = Files.createDirectories(tree.resolve("bin"));
        Files.write(bin.resolve("true"), Files.readAllBytes(Path.of("/usr/bin/true")));
        bin.resolve("true").toFile().setExecutable(true);
        ScanInput in = new ScanInput.Tree(tree, Optional.of(Path.of("/")));
        Path db = tmp.resolve("facts.db");
        pastRacyWindow();
        assertThat(scanAndStore(db, in).magicReads()).isEqualTo(6);
        // as if a mount or a binfmt_misc entry had changed since: no stored input was judged under today's facts
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
                java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE inputs SET facts_key = 'another machine state'");
        }
        Run again = scanAndStore(db, in);
        assertThat(again.magicReads()).isZero();
        assertThat(again.result().reuse().verdictsReused()).isZero();
        assertThat(paths(again.result())).isEqualTo(candidatesOfAScanReusingNothing(in));
    }

    @Test
    void aStampInsideTheRacyWindowIsNotTrusted() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("fresh/data"));
        Files.writeString(tree.resolve("a.txt"), "just written\n", StandardCharsets.UTF_8);
        ScanInput in = new ScanInput.Tree(tmp.resolve("fresh"), Optional.of(Path.of("/")));
        Run first = scanAndStore(tmp.resolve("execray.db"), in);
        // the file's ctime is younger than the racy window: no digest, so the next scan reads it again
        assertThat(first.result().reuse().quietDirs()).doesNotContainKey(tree.toAbsolutePath().toString());
    }
}
