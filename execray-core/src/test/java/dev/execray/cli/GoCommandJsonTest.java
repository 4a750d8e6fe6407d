package dev.execray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code go --json} is one document with an entry per file given, errors included; {@code --jsonl} a line each. */
class GoCommandJsonTest {
    private static final String GO = "fixtures/out/go/hello-darwin-amd64";
    private static final String C = "fixtures/out/c/hello-musl";

    @Test
    void everyFileGivenHasItsEntryAndAMissingOneSaysWhyInTheDocument() throws Exception {
        CliRun r = CliRun.of("go", "--json", GO, "./no-such-file", C);
        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("schema").asText()).isEqualTo("execray-go/2");
        JsonNode files = doc.get("files");
        assertThat(files).hasSize(3);
        assertThat(files.get(0).get("goos").asText()).isEqualTo("darwin");
        assertThat(files.get(1).at("/error/errno").asText()).isEqualTo("ENOENT");
        assertThat(files.get(1).at("/error/message").asText()).isEqualTo("no such file or directory");
        assertThat(files.get(2).at("/error/message").asText()).startsWith("not a Go executable");
        assertThat(files.get(2).at("/error").has("errno")).isFalse();
        assertThat(r.err()).contains("execray: ./no-such-file: no such file or directory\n");
    }

    @Test
    void jsonlWritesOneCompactObjectPerFileAndLine() throws Exception {
        CliRun r = CliRun.of("go", "--jsonl", "--funcs", GO, "./no-such-file");
        List<String> lines = r.out().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSize(2);
        ObjectMapper m = new ObjectMapper();
        assertThat(m.readTree(lines.get(0)).get("functions").size()).isGreaterThan(100);
        assertThat(m.readTree(lines.get(1)).at("/error/errno").asText()).isEqualTo("ENOENT");
    }

    @Test
    void modinfoJsonIsOneDocumentWithGoVersionsWordsForTheFilesItCannotRead() throws Exception {
        java.io.OutputStream oldOut = GoCommand.rawOut;
        java.io.OutputStream oldErr = GoCommand.rawErr;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        GoCommand.rawOut = out;
        GoCommand.rawErr = new java.io.ByteArrayOutputStream();
        try {
            CliRun r = CliRun.of("go", "--modinfo", "--json", GO, "./no-such-file");
            assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT);
        } finally {
            GoCommand.rawOut = oldOut;
            GoCommand.rawErr = oldErr;
        }
        JsonNode doc = new ObjectMapper().readTree(out.toByteArray());
        assertThat(doc.get("schema").asText()).isEqualTo("execray-go-modinfo/2");
        assertThat(doc.at("/files/0/path").asText()).isEqualTo("example.com/xrhello");
        assertThat(doc.at("/files/1/error/errno").asText()).isEqualTo("ENOENT");
        assertThat(doc.at("/files/1/error/message").asText()).isEqualTo("stat ./no-such-file: no such file or directory");
    }
}
