package dev.execray.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.testing.Run;
import dev.execray.truth.Oracle;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The library resolutions a scan stores, versus glibc's own {@code ldd} (which runs the loader in trace mode, never
 * the program) on the dynamic programs of /usr/bin: for every library ldd lists, the same name resolves to the same
 * path, and nothing more or less is listed (linux-vdso, which is no file, aside).
 */
@Tag("oracle")
class ResolutionLddOracleTest {
    @Test
    void everyResolutionIsTheFileLddNames() throws Exception {
        Oracle.require(Run.available("ldd"), "ldd (apt-get install libc-bin)");
        List<FileRecord> files;
        try (ScanService s = new ScanService(ScanOptions.defaults())) {
            files = s.scan(new ScanInput.Tree(Path.of("/usr/bin"), Optional.of(Path.of("/")))).files();
        }
        int programs = 0;
        int libraries = 0;
        Map<String, String> disagree = new TreeMap<>();
        for (FileRecord f : files) {
            if (!f.format().equals("ELF") || f.resolved().isEmpty() || f.interpreter().isEmpty() || programs >= 300) {
                continue;
            }
            Run.Result r = Run.run(List.of("ldd", f.path()));
            if (r.exit() != 0) {
                continue;
            }
            Map<String, String> want = new LinkedHashMap<>();
            for (String line : r.out().split("\n")) {
                String l = line.strip().replaceFirst(" \\(0x[0-9a-f]+\\)$", "");
                int arrow = l.indexOf(" => ");
                if (arrow > 0) {
                    want.put(l.substring(0, arrow), l.substring(arrow + 4));
                } else if (l.startsWith("/")) {
                    want.put(l, l); // the interpreter, listed by its path
                }
            }
            Map<String, String> ours = new LinkedHashMap<>();
            for (LibraryResolution lr : f.resolved()) {
                ours.put(lr.name(), lr.path().orElse("not found"));
            }
            programs++;
            libraries += want.size();
            if (!ours.equals(want)) {
                disagree.put(f.path(), "ldd " + want + ", execray " + ours);
            }
        }
        System.out.println("resolutions vs ldd: " + programs + " programs, " + libraries + " libraries; disagreements "
                + disagree.size() + " " + disagree);
        assertThat(programs).isGreaterThanOrEqualTo(200);
        assertThat(libraries).isGreaterThanOrEqualTo(600);
        assertThat(disagree).isEmpty();
    }
}
