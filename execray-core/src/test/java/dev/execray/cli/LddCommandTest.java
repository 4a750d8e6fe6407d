package dev.execray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** execray ldd over a small root made of the project's fixtures. */
class LddCommandTest {
    static final Path FIXTURES = Path.of("fixtures/out/c");

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        CliRun r = CliRun.of(args);
        return new Run(r.exit(), r.out(), r.err());
    }

    /** A root with the x86-64 hello program and libxr in /usr/lib64, but no C library. */
    static Path root(Path tmp) throws IOException {
        Path lib = Files.createDirectories(tmp.resolve("usr/lib64"));
        Files.copy(FIXTURES.resolve("libxr.so.1"), lib.resolve("libxr.so.1"));
        Files.copy(FIXTURES.resolve("hello-x86_64-pie"), tmp.resolve("app"));
        return tmp;
    }

    @Test
    void printsLddLinesAndExitsWithOneWhenALibraryIsMissing(@TempDir Path tmp) throws IOException {
        Run r = run("ldd", "--root", root(tmp).toString(), "/app");
        assertThat(r.out()).isEqualTo("\tlinux-vdso.so.1\n\tlibc.so.6 => not found\n");
        assertThat(r.code()).isEqualTo(ExitCode.FINDING);
    }

    @Test
    void anotherSystemsTargetIsRefusedRatherThanAnsweredAsLinux() {
        for (String target : new String[] {"windows/amd64", "darwin/arm64", "freebsd/amd64"}) {
            Run r = run("ldd", "--target", target, "/bin/ls");
            assertThat(r.code()).as(target).isEqualTo(ExitCode.USAGE);
            assertThat(r.out()).as(target).isEmpty();
            assertThat(r.err()).as(target).contains("the target is " + target + ", not Linux");
        }
    }

    @Test
    void fixtureRootsResolveByRunpathAndSkipAWrongClassLibrary() {
        Run runpath = run("ldd", "--tree", "--root", "fixtures/out/roots/runpath", "/bin/use_xr");
        assertThat(runpath.out()).containsPattern("libxr\\.so\\.1 +/bin/\\.\\./lib/libxr\\.so\\.1 +DT_RUNPATH \\$ORIGIN/\\.\\./lib");
        Run skipped = run("ldd", "--root", "fixtures/out/roots/wrong-class-skipped", "/bin/use_xr");
        assertThat(skipped.out()).contains("libxr.so.1 => /bin/../lib64/libxr.so.1");
        Run wrong = run("ldd", "--tree", "--root", "fixtures/out/roots/wrong-class", "/bin/use_xr");
        assertThat(wrong.out()).contains("libxr.so.1: wrong ELF class: ELFCLASS32");
    }

    @Test
    void aMissingVersionIsPrintedAsLddPrintsIt() {
        Run r = run("ldd", "--root", "fixtures/out/roots/version-missing", "/bin/use_xr3");
        assertThat(r.out()).startsWith("/bin/use_xr3: /bin/../lib/libxr.so.1: version `XR_3.0' not found "
                + "(required by /bin/use_xr3)\n");
        assertThat(r.code()).isEqualTo(ExitCode.FINDING);
    }

    @Test
    void jsonCarriesTheSameFacts(@TempDir Path tmp) throws IOException {
        Run r = run("ldd", "--json", "--root", root(tmp).toString(), "/app", "/no-such-program");
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("schema").asText()).isEqualTo("execray-ldd/2");
        assertThat(doc.get("files")).hasSize(2);
        // the file that cannot be loaded has its entry, with the error where the result would be
        assertThat(doc.at("/files/1/error/message").asText()).contains("/no-such-program");
        JsonNode j = doc.get("files").get(0);
        assertThat(j.get("dynamic").asBoolean()).isTrue();
        assertThat(j.get("loader").get("flavour").asText()).isEqualTo("glibc");
        assertThat(j.get("loader").get("interpreterFound").asBoolean()).isFalse();
        assertThat(j.get("outcome").get("kind").asText()).isEqualTo("fails-at-start");
        assertThat(j.get("lddLines").get(1).asText()).isEqualTo("libc.so.6 => not found");
    }

    @Test
    void aStaticProgramNeedsNoLoader(@TempDir Path tmp) throws IOException {
        Files.copy(FIXTURES.resolve("hello-x86_64-static"), tmp.resolve("static"));
        Run r = run("ldd", "--root", tmp.toString(), "/static");
        assertThat(r.out()).isEqualTo("\tnot a dynamic executable\n");
        assertThat(r.code()).isEqualTo(ExitCode.OK);
    }

    @Test
    void aFileThatIsNotElfIsBadInput(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("notes.txt"), "hello");
        Run r = run("ldd", "--root", tmp.toString(), "/notes.txt");
        assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("not an ELF file");
    }
}
