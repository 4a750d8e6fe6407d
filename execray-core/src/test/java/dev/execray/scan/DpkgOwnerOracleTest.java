package dev.execray.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.testing.Run;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** File ownership from dpkg's database, read by the scan, versus {@code dpkg -S} on every file of /usr/bin. */
@Tag("oracle")
class DpkgOwnerOracleTest {
    @Test
    void everyOwnerIsTheOneDpkgNames() throws Exception {
        assertThat(Run.available("dpkg")).as("dpkg is needed (a Debian machine)").isTrue();
        List<FileRecord> files;
        try (ScanService s = new ScanService(ScanOptions.defaults())) {
            files = s.scan(new ScanInput.Tree(Path.of("/usr/bin"), Optional.of(Path.of("/")))).files();
        }
        List<String> args = new ArrayList<>(List.of("dpkg", "-S"));
        for (FileRecord f : files) {
            args.add(f.path());
            if (f.path().startsWith("/usr/bin/")) {
                args.add(f.path().substring(4)); // merged /usr: dpkg may list /bin/NAME
            }
        }
        Run.Result r = Run.run(args);
        Map<String, List<String>> dpkg = new HashMap<>();
        for (String line : r.out().split("\n")) {
            int colon = line.indexOf(": /");
            if (colon > 0 && !line.startsWith("diversion ")) {
                List<String> pkgs = new ArrayList<>();
                for (String p : line.substring(0, colon).split(", ")) {
                    pkgs.add(p.replaceFirst(":.*", ""));
                }
                dpkg.put(line.substring(colon + 2), pkgs);
            }
        }
        int compared = 0;
        Map<String, String> disagree = new TreeMap<>();
        for (FileRecord f : files) {
            List<String> want = dpkg.getOrDefault(f.path(), dpkg.getOrDefault(f.path().substring(4), List.of()));
            String ours = f.owner().map(OsPackage::name).orElse("(none)");
            compared++;
            if (want.isEmpty() ? f.owner().isPresent() : !want.contains(ours)) {
                disagree.put(f.path(), "dpkg " + want + ", execray " + ours);
            }
        }
        long owned = files.stream().filter(f -> f.owner().isPresent()).count();
        System.out.println("dpkg -S oracle: " + compared + " files, " + owned + " owned; disagreements " + disagree);
        assertThat(compared).isGreaterThanOrEqualTo(200);
        assertThat(owned).isGreaterThanOrEqualTo(100);
        assertThat(disagree).isEmpty();
    }
}
