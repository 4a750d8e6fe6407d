package dev.execray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** explain, which and binfmt on a small root built in a temporary directory. */
class ExecPathCommandsTest {
    @TempDir
    Path root;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        CliRun r = CliRun.of(args);
        return new Run(r.exit(), r.out(), r.err());
    }

    private void write(String rel, String content, String perms) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    }

    @BeforeEach
    void tree() throws IOException {
        write("usr/bin/tool", "#!/bin/missing-shell\n", "rwxr-xr-x");
        write("usr/local/bin/tool", "not executable", "rw-r--r--");
        write("srv/crlf.sh", "#!/bin/sh\r\necho\r\n", "rwxr-xr-x");
        write("Windows/System32/NOTEPAD.EXE", "MZ", "rw-r--r--");
        write("tools/go.bat", "@echo", "rw-r--r--");
    }

    private String[] linux(String... args) {
        String[] base = {"--target", "linux/amd64", "--kernel", "6.1", "--binfmt", "none", "--root", root.toString()};
        String[] all = new String[args.length + base.length];
        System.arraycopy(args, 0, all, 0, 1);
        System.arraycopy(base, 0, all, 1, base.length);
        System.arraycopy(args, 1, all, 1 + base.length, args.length - 1);
        return all;
    }

    @Test
    void explainPutsTheVerdictFirstAndExitsOneWhenItWouldFail() {
        Run r = run(linux("explain", "/srv/crlf.sh"));
        assertThat(r.code()).isEqualTo(ExitCode.FINDING);
        assertThat(r.out()).startsWith("✗ /srv/crlf.sh will not start on " + root + "/ (linux/amd64, kernel 6.1, glibc)");
        assertThat(r.out()).contains("The shell says:   bash: /srv/crlf.sh: cannot execute: required file not found");
        assertThat(r.out()).contains("Fix:  convert the script's line ends to LF");
    }

    @Test
    void explainJsonHasTheAgreedFields() throws Exception {
        Run r = run(linux("explain", "/srv/crlf.sh", "--json"));
        JsonNode n = new ObjectMapper().readTree(r.out());
        assertThat(n.get("verdict").asText()).isEqualTo("fails");
        assertThat(n.get("errno").asText()).isEqualTo("ENOENT");
        assertThat(n.get("message").asText()).isEqualTo("No such file or directory");
        assertThat(n.get("interpreter").isArray()).isTrue();
        assertThat(n.get("argv").isNull()).isTrue();
        assertThat(n.get("steps").size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void explainLooksUpANameInPathAndReportsTheEaccesExecvpRemembers() {
        Run r = run(linux("explain", "tool", "--path", "/usr/local/bin:/usr/bin"));
        assertThat(r.code()).isEqualTo(ExitCode.FINDING);
        assertThat(r.out()).contains("/usr/local/bin/tool").contains("remembered").contains("/bin/missing-shell");
    }

    @Test
    void whichShowsEveryCandidateForEachRule() throws Exception {
        Run r = run(linux("which", "tool", "--path", ":/usr/local/bin:/usr/bin", "--json", "--go", "1.19"));
        JsonNode n = new ObjectMapper().readTree(r.out());
        JsonNode glibc = n.get("rules").get(0);
        assertThat(glibc.get("rule").asText()).isEqualTo("execvp_glibc");
        assertThat(glibc.get("candidates").size()).isEqualTo(3);
        assertThat(glibc.get("errno").asText()).isEqualTo("EACCES");
        JsonNode go = n.get("rules").get(1);
        assertThat(go.get("found").asText()).isEqualTo("/usr/bin/tool");
        assertThat(r.code()).isEqualTo(ExitCode.FINDING);
    }

    @Test
    void whichOnWindowsAppendsExeAndGoUsesPathext() throws Exception {
        Run r = run("which", "notepad", "--os", "windows", "--root", root.toString(), "--path", "C:\\tools", "--json");
        JsonNode n = new ObjectMapper().readTree(r.out());
        assertThat(n.get("rules").get(0).get("found").asText()).isEqualTo("C:\\Windows\\System32\\notepad.exe");
        Run go = run("which", "go", "--os", "windows", "--root", root.toString(), "--path", "C:\\tools", "--json");
        JsonNode g = new ObjectMapper().readTree(go.out());
        assertThat(g.get("rules").get(0).get("found").isNull()).isTrue();
        assertThat(g.get("rules").get(1).get("found").asText()).isEqualTo("C:\\tools\\go.bat");
    }

    @Test
    void binfmtParseGivesTheKernelsErrnoAndExitsThree() {
        Run ok = run("binfmt", "parse", ":x:M::\\x7fELF::/bin/i:P");
        assertThat(ok.code()).isEqualTo(ExitCode.OK);
        assertThat(ok.out()).contains("flags: P").contains("magic 7f454c46");
        // with F the kernel opens the interpreter when the entry is written: a missing one is that open's ENOENT
        Run fixed = run("binfmt", "parse", ":x:M::\\x7fELF::/no/such/interpreter:PF");
        assertThat(fixed.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(fixed.out()).contains("ENOENT").contains("at registration");
        Run bad = run("binfmt", "parse", ":x:M:-1:ab::/bin/i:");
        assertThat(bad.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(bad.out()).contains("EINVAL (Invalid argument)").contains("offset");
    }

    @Test
    void binfmtMatchOnANonLinuxTargetFindsTheFileAndNoEntry() {
        // Windows' working directory is "\\", which is no path in the root: the file is still looked up from "/"
        for (String os : new String[] {"windows/amd64", "darwin/arm64"}) {
            Run r = run("binfmt", "match", "--target", os, "--root", root.toString(), "/srv/crlf.sh");
            assertThat(r.code()).as(os).isEqualTo(ExitCode.FINDING);
            assertThat(r.out()).as(os).contains("/srv/crlf.sh: no binfmt_misc entry matches");
        }
    }

    @Test
    void binfmtGenPrintsQemuRegistrations() {
        Run r = run("binfmt", "gen", "arm64");
        assertThat(r.out().strip()).startsWith(":qemu-aarch64:M::\\x7f\\x45\\x4c\\x46\\x02")
                .endsWith(":/usr/libexec/qemu-binfmt/aarch64-binfmt-P:OPF");
        Run all = run("binfmt", "gen", "all", "--host", "amd64");
        assertThat(all.out()).doesNotContain("qemu-x86_64").contains("qemu-riscv64");
        assertThat(run("binfmt", "gen", "vax").code()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void aMalformedRegistryFileIsReportedWithTheKernelsErrno() throws IOException {
        Path regs = root.resolve("regs.txt");
        Files.writeString(regs, "# test\n:good:M::ab::/bin/i:\n:bad:M::\\x4::/bin/i:\n");
        Run r = run("binfmt", "list", "--binfmt", regs.toString());
        assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.out()).contains("good").contains("EINVAL " + regs + ":3");
    }

    @Test
    void aBadTargetIsAUsageError() {
        assertThat(run("explain", "/x", "--target", "linux/vax").code()).isEqualTo(ExitCode.USAGE);
        assertThat(run("explain", "/x", "--target", "linux/arm64", "--page-size", "8k").code()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void explainAsPlacesAHostFileInsideTheRootAndJudgesItThere() throws Exception {
        Path r = Files.createTempDirectory("xr-as");
        Files.createDirectories(r.resolve("usr/local/bin"));
        // /bin/true of this machine, placed into a root that has no C library: its loader is missing there
        Run placed = run("explain", "--root", r.toString(), "--as", "/usr/local/bin/prog", "/bin/true");
        assertThat(placed.code()).isEqualTo(ExitCode.FINDING);
        assertThat(placed.out()).contains("/usr/local/bin/prog").contains("ENOENT");
        Run noDir = run("explain", "--root", r.toString(), "--as", "/opt/x/prog", "/bin/true");
        assertThat(noDir.code()).isEqualTo(ExitCode.USAGE);
        assertThat(noDir.err()).contains("--as /opt/x/prog");
    }
}
