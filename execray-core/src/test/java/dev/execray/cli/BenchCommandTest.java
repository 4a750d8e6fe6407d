package dev.execray.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

    @Test
    void exportsParseBackInHyperfinesSchema(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        Path md = dir.resolve("r.md");
        Path csv = dir.resolve("r.csv");
        Path svg = dir.resolve("r.svg");
        Path html = dir.resolve("r.html");
        CliRun r = CliRun.of("bench", "--runs", "4", "--warmup", "1", "--export-json", json.toString(),
                "--export-svg", svg.toString(), "--export-html", html.toString(),
                "--export-markdown", md.toString(), "--export-csv", csv.toString(), "--compare", "/bin/true",
                "/bin/sh -c true", "echo x | cat");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("RUNS the programs", "Harness floor: /bin/true takes", "Compared with /bin/true");
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        JsonNode results = j.get("results");
        assertThat(results).hasSize(3);
        for (JsonNode x : results) {
            assertThat(x.get("times")).hasSize(4);
            assertThat(x.get("exit_codes")).hasSize(4);
            double min = x.get("min").asDouble();
            double max = x.get("max").asDouble();
            assertThat(x.get("mean").asDouble()).isBetween(min, max);
            assertThat(x.get("median").asDouble()).isBetween(min, max);
            assertThat(x.get("stddev").asDouble()).isNotNegative();
            assertThat(x.get("execray").get("p95").asDouble()).isBetween(min, max);
        }
        assertThat(results.get(0).get("command").asText()).isEqualTo("/bin/true");
        assertThat(results.get(2).get("execray").get("how").asText()).contains("shell syntax");
        assertThat(j.get("execray").get("executes").asBoolean()).isTrue();
        assertThat(j.get("execray").get("ratios")).hasSize(2);
        assertThat(j.get("execray").get("ratios").get(0).get("ci_low").asDouble())
                .isLessThanOrEqualTo(j.get("execray").get("ratios").get(0).get("ci_high").asDouble());
        List<String> csvLines = Files.readAllLines(csv);
        assertThat(csvLines.get(0)).isEqualTo("command,mean,stddev,median,user,system,min,max,p95");
        assertThat(csvLines).hasSize(4);
        assertThat(csvLines.get(1).split(",")).hasSize(9);
        assertThat(Double.parseDouble(csvLines.get(1).split(",")[3])).isEqualTo(results.get(0).get("median").asDouble());
        List<String> mdLines = Files.readAllLines(md);
        assertThat(mdLines).hasSize(5);
        assertThat(mdLines.get(2)).startsWith("| `/bin/true` |");
        // the SVG is well-formed XML with one group of bars per command, 4 runs in each
        org.w3c.dom.Document d = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(svg.toFile());
        org.w3c.dom.NodeList groups = d.getElementsByTagName("g");
        assertThat(groups.getLength()).isEqualTo(3);
        // the HTML page holds the same histogram and the JSON, with the commands' text escaped
        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<svg").contains("echo x | cat")
                .contains("&quot;results&quot;").doesNotContain("<script");
        for (int i = 0; i < groups.getLength(); i++) {
            org.w3c.dom.NodeList bars = ((org.w3c.dom.Element) groups.item(i)).getElementsByTagName("rect");
            int runs = 0;
            for (int k = 0; k < bars.getLength(); k++) {
                runs += Integer.parseInt(bars.item(k).getTextContent().replace(" runs", ""));
            }
            String label = groups.item(i).getTextContent();
            java.util.regex.Matcher beyond = java.util.regex.Pattern.compile("(\\d+) beyond the axis").matcher(label);
            assertThat(runs + (beyond.find() ? Integer.parseInt(beyond.group(1)) : 0)).as(label).isEqualTo(4);
        }
    }

    @Test
    void aProgramThatCannotStartGetsExplainsVerdictAndIsNotRun(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("ran");
        Path script = dir.resolve("broken.sh");
        // the interpreter does not exist: execve fails with ENOENT, as explain says
        Files.writeString(script, "#!/nonexistent/interpreter\ntouch " + marker + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        CliRun r = CliRun.of("bench", "--runs", "2", script.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.FINDING);
        assertThat(r.out()).contains("would not start, so it was not run or timed", "No such file or directory");
        assertThat(r.out()).doesNotContain("Harness floor");
        assertThat(marker).doesNotExist();
        CliRun j = CliRun.of("bench", "--json", "--runs", "2", script.toString());
        JsonNode n = new ObjectMapper().readTree(j.out());
        assertThat(n.get("results")).isEmpty();
        assertThat(n.get("execray").get("not_timed").get(0).get("errno").asText()).isEqualTo("ENOENT");
    }

    @Test
    void aHangingProgramIsKilledAndReported() {
        CliRun r = CliRun.of("bench", "--runs", "2", "--warmup", "0", "--timeout", "0.2", "/bin/sleep", "30");
        assertThat(r.exit()).isEqualTo(ExitCode.FINDING);
        assertThat(r.out()).contains("killed after the timeout of 200.00 ms");
    }

    @Test
    void launchPathsAreComparedWithDirect() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/env")));
        CliRun r = CliRun.of("bench", "--runs", "3", "--warmup", "0", "--paths", "direct,sh,env,shebang,binfmt", "--json",
                "/bin/true");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"launch_path\" : \"sh\"", "\"launch_path\" : \"env\"", "\"launch_path\" : \"shebang\"");
    }

    @Test
    void breakdownOfADynamicProgram() {
        CliRun r = CliRun.of("bench", "--runs", "2", "--warmup", "0", "--breakdown", "/bin/true");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Where the time goes", "static view (execray ldd, not run)", "libc.so.6");
        // glibc's loader answers LD_DEBUG=statistics on glibc systems
        if (Files.exists(Path.of("/lib64/ld-linux-x86-64.so.2")) || Files.exists(Path.of("/lib/ld-linux-aarch64.so.1"))) {
            assertThat(r.out()).contains("dynamic loader (glibc LD_DEBUG=statistics");
        }
    }

    @Test
    void prepareBeforeEveryRunCleanupAfterEachCommand(@TempDir Path dir) throws Exception {
        Path prep = dir.resolve("prepare");
        Path clean = dir.resolve("cleanup");
        CliRun r = CliRun.of("bench", "--runs", "2", "--warmup", "1", "--prepare", "echo p >> " + prep, "--cleanup",
                "echo c >> " + clean, "--compare", "/bin/true", "/bin/echo x");
        assertThat(r.exit()).as(r.err()).isZero();
        // 2 commands x (1 warm-up + 2 timed runs)
        assertThat(Files.readAllLines(prep)).hasSize(6);
        assertThat(Files.readAllLines(clean)).hasSize(2);
    }

    @Test
    void usageErrors() {
        assertThat(CliRun.of("bench").exit()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("bench", "--paths", "teleport", "/bin/true").exit()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("bench", "--runs", "0", "/bin/true").exit()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("bench", "--help").out()).contains("EXECUTES");
    }
}
