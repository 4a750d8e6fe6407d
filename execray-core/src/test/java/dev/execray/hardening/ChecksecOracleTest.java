package dev.execray.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.execray.binary.ByteSource;
import dev.execray.binary.elf.ElfFile;
import dev.execray.testing.Run;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Hardening versus Debian's checksec (2.6.0, {@code apt-get install checksec}) on a spread of this machine's ELF
 * files from /usr/bin and /usr/lib, field by field. checksec runs readelf -W several times per file, so the sample
 * is every n-th file (about 300) to keep the oracle in minutes. Known checksec quirks are documented in
 * docs/scan.md; each field must agree on every file compared except those.
 */
@Tag("oracle")
class ChecksecOracleTest {
    private static final ObjectMapper M = new ObjectMapper();

    static List<Path> sample(Path top, int want) throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(top, 3)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try (InputStream in = Files.newInputStream(p)) {
                    byte[] h = in.readNBytes(4);
                    if (h.length == 4 && h[0] == 0x7f && h[1] == 'E' && h[2] == 'L' && h[3] == 'F') {
                        all.add(p);
                    }
                } catch (IOException e) {
                    // unreadable: not compared
                }
            }
        }
        List<Path> out = new ArrayList<>();
        int step = Math.max(1, all.size() / want);
        for (int i = 0; i < all.size(); i += step) {
            out.add(all.get(i));
        }
        return out;
    }

    @Test
    void everyColumnAgreesWithChecksec() throws IOException {
        assertThat(Run.available("checksec")).as("checksec is needed: apt-get install checksec").isTrue();
        FortifyCatalogue libc = FortifyCatalogue.of(ElfFile.read(ByteSource.open(
                Path.of("/lib/x86_64-linux-gnu/libc.so.6"))), "host libc");
        List<Path> files = new ArrayList<>(sample(Path.of("/usr/bin"), 180));
        files.addAll(sample(Path.of("/usr/lib/x86_64-linux-gnu"), 120));
        Map<String, Integer> agree = new TreeMap<>();
        Map<String, List<String>> disagree = new TreeMap<>();
        int compared = 0;
        for (Path p : files) {
            Run.Result r = Run.run(List.of("checksec", "--format=json", "--file=" + p));
            if (r.exit() != 0) {
                continue;
            }
            JsonNode j;
            try {
                j = M.readTree(r.out()).get(p.toString());
            } catch (IOException e) {
                continue;
            }
            if (j == null) {
                continue;
            }
            Hardening.Elf h = HardeningCheck.elf(ElfFile.read(ByteSource.open(p)), libc);
            compared++;
            Map<String, String[]> fields = new TreeMap<>();
            fields.put("relro", new String[] {j.path("relro").asText(), h.relro() == Relro.NONE ? "no" : h.relro().label()});
            fields.put("canary", new String[] {j.path("canary").asText(), yes(h.canary())});
            fields.put("nx", new String[] {j.path("nx").asText(), yes(h.nx())});
            fields.put("pie", new String[] {j.path("pie").asText(), h.pie().label()});
            fields.put("rpath", new String[] {j.path("rpath").asText(), yes(!h.rpath().isEmpty())});
            fields.put("runpath", new String[] {j.path("runpath").asText(), yes(!h.runpath().isEmpty())});
            fields.put("symbols", new String[] {j.path("symbols").asText(), yes(!h.stripped())});
            fields.put("fortify_source", new String[] {j.path("fortify_source").asText(), yes(h.fortify().any())});
            fields.put("fortified", new String[] {j.path("fortified").asText(), "" + h.fortify().fortified()});
            fields.put("fortify-able", new String[] {j.path("fortify-able").asText(), "" + h.fortify().fortifiable()});
            for (var e : fields.entrySet()) {
                if (e.getValue()[0].equals(e.getValue()[1])) {
                    agree.merge(e.getKey(), 1, Integer::sum);
                } else {
                    disagree.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(p + ": checksec "
                            + e.getValue()[0] + ", execray " + e.getValue()[1]);
                }
            }
        }
        System.out.println("checksec oracle: " + compared + " files compared; agreement per column: " + agree);
        disagree.forEach((k, v) -> System.out.println("  " + k + ": " + v.size() + " disagree, e.g. "
                + v.subList(0, Math.min(3, v.size()))));
        assertThat(compared).as("files compared with checksec").isGreaterThanOrEqualTo(250);
        assertThat(disagree).as("columns where execray and checksec disagree").isEmpty();
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }
}
