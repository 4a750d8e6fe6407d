package dev.execray.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fleet's portable form: a real scan's results survive the line and the import's merge unchanged. */
class ResultLinesTest {
    @Test
    void aRealScanRoundTripsThroughItsLines() throws Exception {
        try (ScanService s = new ScanService(ScanOptions.defaults().withThreads(1))) {
            InputResult r = s.scan(new ScanInput.Tree(Path.of("fixtures/out"), Optional.empty()));
            assertThat(r.files()).hasSizeGreaterThan(40);
            assertThat(r.files()).anySatisfy(f -> assertThat(f.go()).isPresent());
            assertThat(r.files()).anySatisfy(f -> assertThat(f.hardening()).isPresent());
            ResultLines.Line l = ResultLines.read(ResultLines.write(7, r));
            assertThat(l.index()).isEqualTo(7);
            assertThat(l.result()).isEqualTo(r);
        }
    }

    @Test
    void theImportMergesPartFilesInIndexOrder(@TempDir Path tmp) throws Exception {
        Path part = Files.createDirectories(tmp.resolve("results/scan_id=x"));
        InputResult a = new InputResult("a", "image", "/", "", "", List.of("self"), List.of(), List.of(), List.of(), 1);
        InputResult b = new InputResult("b", "tree", "/", "", "", List.of("self"), List.of(), List.of("e"), List.of(), 2);
        Files.write(part.resolve("part-00000.txt"), List.of(ResultLines.write(0, a), ResultLines.write(3, a)));
        Files.write(part.resolve("part-00001.txt"), List.of(ResultLines.write(1, b), ResultLines.write(2, b)));
        Files.writeString(part.resolve(".part-00000.txt.crc"), "junk");
        List<FleetImport.FleetScan> scans = FleetImport.find(tmp);
        assertThat(scans).extracting(FleetImport.FleetScan::id).containsExactly("x");
        List<String> order = new java.util.ArrayList<>();
        assertThat(FleetImport.read(scans.get(0), r -> order.add(r.name()))).isEqualTo(4);
        assertThat(order).containsExactly("a", "b", "b", "a");
    }

    @Test
    void brokenLinesAndRepeatsAreRefusedNotHalfRead(@TempDir Path tmp) throws Exception {
        assertThatThrownBy(() -> ResultLines.read("{\"index\":1}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResultLines.read("[]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResultLines.read("{\"index\":1,\"result\":{\"name\":3}}"))
                .isInstanceOf(IllegalArgumentException.class);
        Path part = Files.createDirectories(tmp.resolve("scan_id=y"));
        InputResult a = new InputResult("a", "image", "/", "", "", List.of(), List.of(), List.of(), List.of(), 1);
        Files.write(part.resolve("part-0"), List.of(ResultLines.write(1, a), ResultLines.write(1, a)));
        assertThatThrownBy(() -> FleetImport.read(FleetImport.find(part).get(0), r -> { }))
                .hasMessageContaining("not sorted");
        assertThatThrownBy(() -> FleetImport.find(tmp.resolve("nothing"))).hasMessageContaining("not a fleet scan");
    }
}
