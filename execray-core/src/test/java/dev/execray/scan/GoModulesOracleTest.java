package dev.execray.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.testing.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Go build info a scan records (Go version, main module, every dependency after replacement, with its h1: sum)
 * versus {@code go version -m} on every Go binary the scan finds in /usr/bin, /usr/local/bin and the Go toolchain's
 * own directories.
 */
@Tag("oracle")
class GoModulesOracleTest {
    @Test
    void everyGoBinaryMatchesGoVersionM() throws Exception {
        assertThat(Run.available("go")).as("go is needed: apt-get install golang-go").isTrue();
        List<ScanInput> inputs = new ArrayList<>();
        for (String d : List.of("/usr/bin", "/usr/local/bin")) {
            inputs.add(new ScanInput.Tree(Path.of(d), Optional.of(Path.of("/"))));
        }
        try (var dirs = Files.list(Path.of("/usr/lib"))) {
            dirs.filter(p -> p.getFileName().toString().startsWith("go")).forEach(p ->
                    inputs.add(new ScanInput.Tree(p, Optional.of(Path.of("/")))));
        }
        int compared = 0;
        int modules = 0;
        TreeMap<String, String> disagree = new TreeMap<>();
        try (ScanService s = new ScanService(ScanOptions.defaults())) {
            for (ScanInput in : inputs) {
                for (FileRecord f : s.scan(in).files()) {
                    if (f.go().isEmpty() || !f.format().equals("ELF")) {
                        continue;
                    }
                    Run.Result r = Run.run(List.of("go", "version", "-m", f.path()));
                    if (r.exit() != 0) {
                        continue;
                    }
                    GoInfo g = f.go().get();
                    String version = "";
                    String mod = "";
                    List<String> deps = new ArrayList<>();
                    for (String line : r.out().split("\n")) {
                        if (line.startsWith(f.path() + ": ")) {
                            version = line.substring(f.path().length() + 2);
                        }
                        String[] c = line.split("\t", -1);
                        if (c.length >= 3 && c[1].equals("mod")) {
                            mod = c[2];
                        } else if (c.length >= 4 && c[1].equals("dep")) {
                            deps.add(c[2] + " " + c[3] + " " + (c.length > 4 ? c[4] : ""));
                        } else if (c.length >= 4 && c[1].equals("=>") && !deps.isEmpty()) {
                            deps.set(deps.size() - 1, c[2] + " " + c[3] + " " + (c.length > 4 ? c[4] : ""));
                        }
                    }
                    List<String> ours = g.modules().stream().map(m -> m.path() + " " + m.version() + " " + m.sum()).toList();
                    compared++;
                    modules += deps.size();
                    if (!version.equals(g.goVersion())) {
                        disagree.put(f.path() + " version", version + " vs " + g.goVersion());
                    }
                    if (!mod.equals(g.mainPath())) {
                        disagree.put(f.path() + " mod", mod + " vs " + g.mainPath());
                    }
                    if (!deps.equals(ours)) {
                        disagree.put(f.path() + " deps", deps.size() + " vs " + ours.size());
                    }
                }
            }
        }
        System.out.println("go version -m oracle: " + compared + " Go binaries, " + modules + " modules; disagreements: "
                + disagree);
        assertThat(compared).as("Go binaries compared").isGreaterThanOrEqualTo(10);
        assertThat(disagree).isEmpty();
    }
}
