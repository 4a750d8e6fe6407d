package dev.execray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.execray.place.PlaceFile;
import dev.execray.place.TargetProfile;
import dev.execray.place.TargetProfiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code targets --json} lists each profile as its place file: every element reads back as the same place. */
class TargetsCommandTest {
    @Test
    void everyListedProfileIsAPlaceFileThatReadsBack(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("targets", "--json");
        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("schema").asText()).isEqualTo("execray-targets/2");
        JsonNode list = doc.get("places");
        assertThat(list.isArray()).isTrue();
        assertThat(list.size()).isEqualTo(TargetProfiles.all().size());
        for (JsonNode element : list) {
            Path f = dir.resolve(element.get("name").asText() + ".json");
            Files.writeString(f, element.toString());
            TargetProfile back = PlaceFile.read(f);
            TargetProfile original = TargetProfiles.byName(back.name()).orElseThrow();
            assertThat(back.summary()).isEqualTo(original.summary());
            assertThat(back.emulates()).isEqualTo(original.emulates());
            assertThat(back.binfmtLines()).isEqualTo(original.binfmtLines());
        }
        CliRun one = CliRun.of("targets", "--json", list.get(0).get("name").asText());
        assertThat(new ObjectMapper().readTree(one.out())).isEqualTo(list.get(0));
    }
}
