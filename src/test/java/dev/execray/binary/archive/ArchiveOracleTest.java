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
                    Duration.ofSeconds(120)));
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

    private static boolean isArchive(Path p) {
        try (var in = Files.newInputStream(p)) {
            return ArchiveFile.isArchive(in.readNBytes(8));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The "sym in member" lines between "Archive index:" and the first blank line. */
    private static List<String> armap(String nm) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : nm.lines().toList()) {
            if (line.equals("Archive index:")) {
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
