package dev.execray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class GodebugCommandTest {
    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        CliRun r = CliRun.of(args);
        return new Run(r.exit(), r.out(), r.err());
    }

    @Test
    void aWrongKeyExitsWithOneAndNamesIt() {
        Run r = run("godebug", "madvdontneed=1,gctrace=1,loadstall=1", "--go", "1.22");
        assertThat(r.code()).isEqualTo(ExitCode.FINDING);
        assertThat(r.out()).startsWith("\u2717 GODEBUG \"madvdontneed=1,gctrace=1,loadstall=1\" for Go 1.22: 1 problem\n");
        assertThat(r.out()).contains("loadstall=1").contains("unknown key");
    }

    @Test
    void aGoodStringExitsWithZero() {
        assertThat(run("godebug", "gctrace=1", "--go", "go1.19").code()).isEqualTo(ExitCode.OK);
    }

    @Test
    void jsonCarriesTheSameVerdict() throws Exception {
        Run r = run("godebug", "panicnil=1", "--go", "1.20", "--json");
        JsonNode n = new ObjectMapper().readTree(r.out());
        assertThat(n.get("ok").asBoolean()).isFalse();
        assertThat(n.get("settings").get(0).get("status").asText()).isEqualTo("not_yet");
    }

    @Test
    void aBadGoVersionIsAUsageError() {
        assertThat(run("godebug", "gctrace=1", "--go", "banana").code()).isEqualTo(ExitCode.USAGE);
    }
}
