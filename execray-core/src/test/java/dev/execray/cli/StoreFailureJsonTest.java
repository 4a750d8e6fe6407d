package dev.execray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store that cannot be read is the document's error under --json, in the shape every command uses. */
class StoreFailureJsonTest {
    @Test
    void aMissingDatabaseIsENOENTInTheDocument(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("none.db");
        CliRun r = CliRun.of("scans", "--json", "--db", db.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("schema").asText()).isEqualTo("execray-scans/1");
        assertThat(doc.get("path").asText()).isEqualTo(db.toString());
        assertThat(doc.at("/error/errno").asText()).isEqualTo("ENOENT");
        assertThat(doc.at("/error/message").asText()).isEqualTo("no such database");
        assertThat(r.err()).isEqualTo("execray: " + db + ": no such database\n");
        assertThat(db).doesNotExist();
    }

    @Test
    void aForeignFileIsRefusedWithoutAnErrnoAndLeftAsItIs(@TempDir Path dir) throws Exception {
        Path db = Files.writeString(dir.resolve("notes.txt"), "not a database");
        CliRun r = CliRun.of("scan-diff", "--json", "--db", db.toString(), "1", "2");
        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("schema").asText()).isEqualTo("execray-scan-diff/1");
        assertThat(doc.at("/error").has("errno")).isFalse();
        assertThat(doc.at("/error/message").asText()).contains("not a SQLite database");
        assertThat(Files.readString(db)).isEqualTo("not a database");
    }
}
