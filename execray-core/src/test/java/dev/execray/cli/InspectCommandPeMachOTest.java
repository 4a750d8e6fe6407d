package dev.execray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.execray.binary.ByteLayout;
import dev.execray.binary.ForeignExecutables;
import dev.execray.binary.macho.MachOBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandPeMachOTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        CliRun r = CliRun.of(args);
        return new Run(r.exit(), r.out(), r.err());
    }

    private static String fixture(String name) {
        return ForeignExecutables.projectRoot().resolve("fixtures/out/go").resolve(name).toString();
    }

    @Test
    void summarisesAPeAndAMachOFile() {
        Run r = run("inspect", fixture("hello-windows-amd64"), fixture("hello-darwin-arm64"));

        assertThat(r.code()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("hello-windows-amd64: PE32+ executable, amd64, Windows console")
                .containsPattern("imports\\s+kernel32\\.dll \\(")
                .contains("hello-darwin-arm64: Mach-O 64-bit executable, arm64")
                .containsPattern("dylibs\\s+/usr/lib/libSystem\\.B\\.dylib");
    }

    @Test
    void jsonlIsOneLinePerFile() throws IOException {
        Run r = run("inspect", "--jsonl", fixture("hello-windows-386.stripped"), fixture("hello-darwin-amd64.stripped"));

        List<String> lines = r.out().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSize(2);
        JsonNode pe = new ObjectMapper().readTree(lines.get(0));
        JsonNode macho = new ObjectMapper().readTree(lines.get(1));
        assertThat(pe.get("format").asText()).isEqualTo("pe");
        assertThat(pe.at("/pe/kind").asText()).isEqualTo("PE32");
        assertThat(macho.get("format").asText()).isEqualTo("macho");
        assertThat(macho.at("/macho/arch").asText()).isEqualTo("x86_64");
    }

    @Test
    void readsUniversalFiles() throws IOException {
        Path fat = dir.resolve("uni");
        Files.write(fat, MachOBuilder.fat(false, MachOBuilder.x86_64().rpath("/a").build()));

        Run r = run("inspect", "--jsonl", fat.toString());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("format").asText()).isEqualTo("fat");
        assertThat(j.at("/fat/slices/0/macho/rpaths/0").asText()).isEqualTo("/a");
    }

    @Test
    void aMalformedFileIsOneLineAndExitCodeThree() throws IOException {
        Path bad = dir.resolve("bad.exe");
        byte[] b = new byte[512];
        ByteLayout.patch(b).u16(0, 0x5a4d).u32(0x3c, 0x7fff0000L);
        Files.write(bad, b);

        Run r = run("inspect", bad.toString());
        assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err().strip()).startsWith("execray: " + bad + ": PE signature and COFF header")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void partialResultsArePrintedAndTheExitCodeSaysTheInputWasBroken() throws IOException {
        Path broken = dir.resolve("broken");
        Files.write(broken, MachOBuilder.x86_64().rpath("/first").rawCommand(0x1c, 0, 16).build());

        Run r = run("inspect", broken.toString());
        assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.out()).containsPattern("rpaths\\s+/first").containsPattern("! load command 1 at offset 0x\\w+: cmdsize 0");
    }
}
