package dev.execray.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link VerdictDeps}: which recorded changes keep which verdicts (the rules of docs/scan.md). */
class VerdictDepsTest {
    @TempDir
    Path tmp;

    private static final String LIB = "/usr/lib/libx.so";
    private static final Map<String, List<String>> OWN = Map.of("/usr/bin/a", List.of("/usr/bin/a", LIB),
            "/usr/bin/b", List.of("/usr/bin/b"));
    private static final Map<String, String> OLD = Map.of(LIB, "f 1 2 100 5 6 # aaaa", "/usr/bin/a",
            "f 1 3 100 5 6 # bbbb", "/usr/bin/b", "f 1 4 100 5 6 # cccc", "/usr/lib", "d 1 5 16877 0 0",
            "/usr/lib/tls", "-");

    private static Map<String, String> with(String path, String stamp) {
        Map<String, String> m = new java.util.HashMap<>(OLD);
        m.put(path, stamp);
        return m;
    }

    @Test
    void unchangedKeepsEveryVerdict() {
        assertThat(VerdictDeps.compare(OLD, OWN, OLD)).isEqualTo(new VerdictDeps.Holds(java.util.Set.of(), 0));
    }

    @Test
    void aLibraryChangedInPlaceWithItsHeadReJudgesItsReadersOnly() {
        VerdictDeps.Outcome o = VerdictDeps.compare(OLD, OWN, with(LIB, "f 1 2 100 7 8 # aaaa"));
        assertThat(o).isEqualTo(new VerdictDeps.Holds(java.util.Set.of("/usr/bin/a"), 1));
    }

    @Test
    void everythingElseVoidsEveryVerdict() {
        // a changed head: a loader that skipped the old file may accept the new one
        assertThat(VerdictDeps.compare(OLD, OWN, with(LIB, "f 1 2 100 7 8 # dddd"))).isInstanceOf(VerdictDeps.Voided.class);
        // a name that appeared where the loader looked
        assertThat(VerdictDeps.compare(OLD, OWN, with("/usr/lib/tls", "d 1 9 16877 0 0")))
                .isInstanceOf(VerdictDeps.Voided.class);
        // a removed library, a directory changed, a stamp too recent to trust, one missing from the new stamps
        assertThat(VerdictDeps.compare(OLD, OWN, with(LIB, "-"))).isInstanceOf(VerdictDeps.Voided.class);
        assertThat(VerdictDeps.compare(OLD, OWN, with("/usr/lib", "d 1 5 16832 0 0")))
                .isInstanceOf(VerdictDeps.Voided.class);
        assertThat(VerdictDeps.compare(with(LIB, "racy"), OWN, with(LIB, "racy"))).isInstanceOf(VerdictDeps.Voided.class);
        Map<String, String> missing = new java.util.HashMap<>(OLD);
        missing.remove(LIB);
        assertThat(VerdictDeps.compare(OLD, OWN, missing)).isInstanceOf(VerdictDeps.Voided.class);
        // a changed file no record owns (e.g. a candidate the loader skipped)
        Map<String, String> old = with("/usr/lib/liby.so", "f 1 6 10 1 1 # eeee");
        Map<String, String> now = with("/usr/lib/liby.so", "f 1 6 10 2 2 # eeee");
        assertThat(VerdictDeps.compare(old, OWN, now)).isInstanceOf(VerdictDeps.Voided.class);
    }

    @Test
    void stampsSayTypeIdentityAndTimesAndTheHeadOfFiles() throws Exception {
        Path f = Files.write(tmp.resolve("f"), new byte[100]);
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(0));
        Thread.sleep(ScanService.RACY_NANOS / 1_000_000 + 200);
        String s = VerdictDeps.stamp(f, false, null, true);
        assertThat(s).startsWith("f ").contains(" 100 0 ").contains(" # ");
        assertThat(VerdictDeps.stamp(f, false, null, false)).doesNotContain("#");
        assertThat(VerdictDeps.stamp(tmp.resolve("none"), false, null, true)).isEqualTo("-");
        assertThat(VerdictDeps.stamp(tmp, false, null, true)).startsWith("d ");
        assertThat(VerdictDeps.stamp(tmp, true, null, true)).startsWith("D ");
        // the digest of an unchanged file is taken from its old stamp, not read again
        String kept = s.substring(0, s.indexOf(" # ")) + " # 1234";
        assertThat(VerdictDeps.stamp(f, false, kept, true)).isEqualTo(kept);
        Files.write(f, new byte[3]);
        assertThat(VerdictDeps.stamp(f, false, s, true)).isEqualTo("racy");
    }
}
