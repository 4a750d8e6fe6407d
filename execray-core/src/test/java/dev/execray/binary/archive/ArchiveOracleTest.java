package dev.execray.binary.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.ByteSource;
import dev.execray.binary.ForeignExecutables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every static archive under /usr/lib/x86_64-linux-gnu (and /usr/lib), compared with binutils: the
 * member names with {@code ar t}, the symbol index (symbol and defining member, in order) with
 * {@code nm --print-armap}.
 */
@Tag("oracle")
class ArchiveOracleTest {
    @Test
    void membersAndSymbolIndexAgreeWithArAndNm() throws Exception {
        assertThat(ForeignExecutables.available("ar")).as("ar is not installed: apt-get install binutils").isTrue();
        List<Path> archives = new ArrayList<>();
        for (String root : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib")) {
            Path r = Path.of(root);
            if (Files.isDirectory(r)) {
                try (Stream<Path> s = Files.walk(r, 3)) {
                    s.filter(p -> p.toString().endsWith(".a") && Files.isRegularFile(p)).sorted().forEach(archives::add);
                }
            }
        }
        int agree = 0;
        int indexEntries = 0;
        List<String> disagreements = new ArrayList<>();
        for (Path a : archives) {
            byte[] bytes = Files.readAllBytes(a);
            if (!ArchiveFile.isArchive(bytes)) {
                continue; // a linker script named .a
            }
            ArchiveFile ours = ArchiveFile.read(ByteSource.of(bytes));
            List<String> names = ForeignExecutables.run(List.of("ar", "t", a.toString()), Duration.ofSeconds(60))
                    .lines().toList();
            List<String> ourNames = ours.members().stream().map(ArchiveFile.Member::name).toList();
            List<String> armap = armap(ForeignExecutables.run(List.of("nm", "--print-armap", a.toString()),
                    Duration.ofSeconds(120)), "Archive index:");
            List<String> ourArmap = ours.index().stream()
                    .map(e -> e.symbol() + " in " + ours.memberAt(e.memberOffset()).map(ArchiveFile.Member::name)
                            .orElse("?"))
                    .toList();
            if (names.equals(ourNames) && armap.equals(ourArmap) && ours.problems().isEmpty()) {
                agree++;
                indexEntries += armap.size();
            } else if (disagreements.size() < 20) {
                disagreements.add(a + ": ar t " + names.size() + " vs " + ourNames.size() + ", armap " + armap.size()
                        + " vs " + ourArmap.size() + ", problems " + ours.problems());
            }
        }
        long compared = archives.stream().filter(ArchiveOracleTest::isArchive).count();
        String report = "oracle ar/nm: " + agree + "/" + compared + " archives agree (" + indexEntries
                + " index entries)";
        System.out.println(report);
        disagreements.forEach(d -> System.out.println("  disagree: " + d));
        assertThat(disagreements).as(report).isEmpty();
        assertThat(agree).as(report).isGreaterThanOrEqualTo(50);
    }

    /**
     * Thin archives ({@code ar rcT}) and BSD archives ({@code llvm-ar --format=bsd}) rebuilt from the members
     * of system archives, compared with ar t / nm --print-armap and llvm-ar t / llvm-nm --print-armap.
     */
    @Test
    void thinAndBsdArchivesAgreeWithArAndLlvmAr(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assertThat(ForeignExecutables.available("ar")).as("ar is not installed: apt-get install binutils").isTrue();
        assertThat(ForeignExecutables.available("llvm-ar")).as("llvm-ar is not installed: apt-get install llvm")
                .isTrue();
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("/usr/lib/x86_64-linux-gnu"))) {
            s.filter(p -> p.toString().endsWith(".a") && isArchive(p)).sorted().forEach(sources::add);
        }
        int compared = 0;
        List<String> disagreements = new ArrayList<>();
        for (Path a : sources) {
            if (compared >= 40) {
                break;
            }
            List<String> names = ForeignExecutables.run(List.of("ar", "t", a.toString()), Duration.ofSeconds(60))
                    .lines().toList();
            if (names.isEmpty() || names.size() > 200 || names.stream().distinct().count() != names.size()
                    || names.stream().anyMatch(n -> n.contains("/"))) {
                continue; // extraction would overwrite or nest members
            }
            Path work = Files.createDirectories(dir.resolve("a" + compared));
            new ProcessBuilder("ar", "x", a.toString()).directory(work.toFile()).start().waitFor();
            List<String> cmd = new ArrayList<>(names);
            List<String> thin = new ArrayList<>(List.of("ar", "rcT", "thin.a"));
            thin.addAll(cmd);
            List<String> bsd = new ArrayList<>(List.of("llvm-ar", "rc", "--format=bsd", "bsd.a"));
            bsd.addAll(cmd);
            new ProcessBuilder(thin).directory(work.toFile()).start().waitFor();
            new ProcessBuilder(bsd).directory(work.toFile()).start().waitFor();
            compare(work.resolve("thin.a"), List.of("ar", "t"), List.of("nm", "--print-armap"), "Archive index:",
                    disagreements);
            compare(work.resolve("bsd.a"), List.of("llvm-ar", "t"), List.of("llvm-nm", "--print-armap"), "Archive map",
                    disagreements);
            compared++;
        }
        String report = "oracle thin and BSD archives: " + (compared - disagreements.size()) + "/" + compared
                + " sources agree in both";
        System.out.println(report);
        disagreements.forEach(d -> System.out.println("  disagree: " + d));
        assertThat(disagreements).as(report).isEmpty();
        assertThat(compared).as(report).isGreaterThanOrEqualTo(20);
    }

    private static void compare(Path archive, List<String> list, List<String> armapTool, String armapHeading,
            List<String> disagreements) throws java.io.IOException {
        ArchiveFile ours = ArchiveFile.read(ByteSource.of(Files.readAllBytes(archive)));
        List<String> l = new ArrayList<>(list);
        l.add(archive.toString());
        List<String> names = ForeignExecutables.run(l, Duration.ofSeconds(60)).lines().toList();
        List<String> m = new ArrayList<>(armapTool);
        m.add(archive.toString());
        List<String> armap = armap(ForeignExecutables.run(m, Duration.ofSeconds(120)), armapHeading);
        // ar t and nm name a thin archive's members by their paths from the archive's directory
        java.util.function.Function<ArchiveFile.Member, String> shown = mem -> ours.thin()
                ? archive.getParent().resolve(mem.name()).toString() : mem.name();
        List<String> ourNames = ours.members().stream().map(shown).toList();
        List<String> ourArmap = ours.index().stream().map(e -> e.symbol() + " in "
                + ours.memberAt(e.memberOffset()).map(shown).orElse("?")).toList();
        if (!names.equals(ourNames) || !armap.equals(ourArmap) || !ours.problems().isEmpty()) {
            disagreements.add(archive + ": names " + names.size() + " vs " + ourNames.size() + ", armap " + armap.size()
                    + " vs " + ourArmap.size() + ", problems " + ours.problems());
        }
    }

    private static boolean isArchive(Path p) {
        try (var in = Files.newInputStream(p)) {
            return ArchiveFile.isArchive(in.readNBytes(8));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The "sym in member" lines between "Archive index:" and the first blank line. */
    private static List<String> armap(String nm, String heading) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : nm.lines().toList()) {
            if (line.equals(heading)) {
                in = true;
            } else if (in && line.isEmpty()) {
                break;
            } else if (in) {
                out.add(line);
            }
        }
        return out;
    }
}
