package dev.execray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.execray.scan.ScanServiceTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scan, scan-diff and query from the command line, on a real SQLite file. */
class ScanCommandTest {
    private static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aRescanReportsWhatItReusedAndNoReuseAnalysesAgain() throws Exception {
        Path v1 = ScanServiceTest.release(tmp.resolve("v1"), "/usr/bin/true");
        String db = tmp.resolve("e.db").toString();
        JsonNode first = M.readTree(CliRun.of("scan", v1.toString(), "--db", db, "--json").out()).path("inputs").get(0);
        int files = first.path("files").asInt();
        assertThat(files).isPositive();
        assertThat(first.path("analysed").asInt()).isEqualTo(files);
        assertThat(first.path("reused").asInt()).isZero();
        CliRun again = CliRun.of("scan", v1.toString(), "--db", db, "--json");
        assertThat(again.exit()).as(again.err()).isZero();
        JsonNode second = M.readTree(again.out()).path("inputs").get(0);
        assertThat(second.path("analysed").asInt()).isZero();
        assertThat(second.path("reused").asInt()).isEqualTo(files);
        assertThat(second.path("wholeInputReused").asBoolean()).isFalse();
        CliRun text = CliRun.of("scan", v1.toString(), "--db", db);
        assertThat(text.out()).contains("0 analysed, " + files + " reused from earlier scans");
        JsonNode fresh = M.readTree(CliRun.of("scan", v1.toString(), "--db", db, "--json", "--no-reuse").out())
                .path("inputs").get(0);
        assertThat(fresh.path("analysed").asInt()).isEqualTo(files);
        assertThat(fresh.path("reused").asInt()).isZero();
    }

    @Test
    void scanStoresDiffsAndQueries() throws Exception {
        Path v1 = ScanServiceTest.release(tmp.resolve("v1"), "/usr/bin/true");
        Path v2 = ScanServiceTest.release(tmp.resolve("v2"), "/usr/bin/true");
        Files.copy(Path.of("/usr/bin/ls"), v2.resolve("bin/ls"));
        String db = tmp.resolve("e.db").toString();

        CliRun first = CliRun.of("scan", v1.toString(), "--db", db, "--json");
        assertThat(first.exit()).as(first.err()).isZero();
        JsonNode doc = M.readTree(first.out());
        assertThat(doc.path("scan").asLong()).isEqualTo(1);
        JsonNode tru = null;
        for (JsonNode f : doc.path("files")) {
            if (f.path("path").asText().endsWith("/bin/true")) {
                tru = f;
            }
        }
        assertThat(tru).isNotNull();
        assertThat(tru.path("sha256").asText()).hasSize(64);
        assertThat(tru.path("format").asText()).isEqualTo("ELF");
        assertThat(tru.path("verdicts").path("self").path("status").asText()).isEqualTo("runs");
        assertThat(tru.path("hardening").path("relro").asText()).isIn("full", "partial", "none");
        assertThat(tru.path("hardening").has("fortify")).isTrue();

        CliRun second = CliRun.of("scan", v2.toString(), "--db", db);
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out()).contains("stored as scan 2");

        CliRun scans = CliRun.of("scans", "--db", db);
        assertThat(scans.exit()).isZero();
        assertThat(scans.out().lines().count()).isEqualTo(3);
        assertThat(M.readTree(CliRun.of("scans", "--db", db, "--json").out()).path("scans").get(1).path("files").asInt())
                .isEqualTo(3);
        CliRun diff = CliRun.of("scan-diff", "previous", "latest", "--db", db);
        assertThat(diff.out()).contains("added /bin/ls");
        CliRun q = CliRun.of("query", "SELECT count(*) AS n FROM files JOIN inputs ON files.input_id = inputs.id "
                + "WHERE inputs.scan_id = 2", "--db", db);
        assertThat(q.exit()).isZero();
        assertThat(q.out()).isEqualTo("n\n3\n");
        CliRun write = CliRun.of("query", "DELETE FROM files", "--db", db);
        assertThat(write.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("query", "SELECT count(*) FROM files", "--db", db).out()).endsWith("5\n");
    }

    @Test
    void failOnPoliciesExitOneAndWriteSarif() throws Exception {
        Path v1 = ScanServiceTest.release(tmp.resolve("p"), "/usr/bin/true");
        Path sarif = tmp.resolve("out.sarif");
        CliRun r = CliRun.of("scan", v1.toString(), "--no-db", "--fail-on", "glibc>2.0", "--sarif", sarif.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.FINDING);
        JsonNode s = M.readTree(sarif.toFile());
        assertThat(s.path("version").asText()).isEqualTo("2.1.0");
        JsonNode result = s.path("runs").get(0).path("results").get(0);
        assertThat(result.path("ruleId").asText()).isEqualTo("glibc>2.0");
        assertThat(result.path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri").asText())
                .endsWith("bin/true");
        assertThat(s.path("runs").get(0).path("tool").path("driver").path("rules").get(0).path("id").asText())
                .isEqualTo("glibc>2.0");
        CliRun ok = CliRun.of("scan", v1.toString(), "--no-db", "--fail-on", "glibc>99.0");
        assertThat(ok.exit()).isZero();
        CliRun bad = CliRun.of("scan", v1.toString(), "--no-db", "--fail-on", "sometimes");
        assertThat(bad.exit()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void aMissingInputIsWordedAsEveryCommandWordsIt() {
        String missing = tmp.resolve("nope").toString();
        CliRun r = CliRun.of("scan", missing, "--no-db");
        assertThat(r.err()).contains("execray: " + missing + ": no such file or directory")
                .doesNotContain(missing + ": " + missing);
        assertThat(r.out()).contains("error: " + missing + ": no such file or directory");
    }

    @Test
    void aForeignDatabaseIsRefusedAndKept() throws Exception {
        Path v1 = ScanServiceTest.release(tmp.resolve("f"), "/usr/bin/true");
        Path db = tmp.resolve("notes.txt");
        Files.writeString(db, "keep me\n");
        CliRun r = CliRun.of("scan", v1.toString(), "--db", db.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("not a SQLite database");
        assertThat(Files.readString(db)).isEqualTo("keep me\n");
    }

    @Test
    void sbomsAreWritten() throws Exception {
        Path v1 = ScanServiceTest.release(tmp.resolve("s"), "/usr/bin/true");
        Path cdx = tmp.resolve("bom.cdx.json");
        Path spdx = tmp.resolve("bom.spdx.json");
        assertThat(CliRun.of("scan", v1.toString(), "--no-db", "--sbom", "cyclonedx", "--sbom-out", cdx.toString()).exit())
                .isZero();
        assertThat(M.readTree(cdx.toFile()).path("bomFormat").asText()).isEqualTo("CycloneDX");
        assertThat(CliRun.of("scan", v1.toString(), "--no-db", "--sbom", "spdx", "--sbom-out", spdx.toString()).exit())
                .isZero();
        assertThat(M.readTree(spdx.toFile()).path("spdxVersion").asText()).isEqualTo("SPDX-2.3");
    }
}
