package dev.execray.place;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaceFileTest {
    @TempDir
    Path dir;

    @Test
    void everyProfileWrittenAsAPlaceFileReadsBackAsTheSameFacts() throws Exception {
        for (TargetProfile p : TargetProfiles.all()) {
            Path f = dir.resolve(p.name() + ".json");
            Files.writeString(f, PlaceFile.write(p).toPrettyString());
            TargetProfile back = PlaceFile.read(f);
            assertThat(back.summary()).as(p.name()).isEqualTo(p.summary());
            assertThat(back.binfmtLines()).isEqualTo(p.binfmtLines());
            assertThat(back.emulates()).isEqualTo(p.emulates());
            assertThat(back.standardLibraries()).isEqualTo(p.standardLibraries());
            assertThat(back.minX86Level()).isEqualTo(p.minX86Level());
            assertThat(back.hasLibc()).isEqualTo(p.hasLibc());
        }
    }

    @Test
    void typosWrongSchemasAndEntriesTheKernelWouldRefuseAreRefusedByName() throws Exception {
        ObjectNode o = PlaceFile.write(TargetProfiles.byName("debian-12").orElseThrow());
        o.put("pagesize", 4096);
        assertThatThrownBy(() -> PlaceFile.parse("f", o)).hasMessageContaining("unknown field 'pagesize'");
        o.remove("pagesize");
        o.put("schema", "execray-place/0");
        assertThatThrownBy(() -> PlaceFile.parse("f", o)).hasMessageContaining("schema");
        o.put("schema", PlaceFile.SCHEMA);
        o.putArray("binfmt").add(":x:M:-1:ab::/bin/i:");
        assertThatThrownBy(() -> PlaceFile.parse("f", o)).hasMessageContaining("refused by the kernel");
        o.putArray("binfmt");
        o.put("pageSize", 12345);
        assertThatThrownBy(() -> PlaceFile.parse("f", o)).hasMessageContaining("pageSize");
        assertThatThrownBy(() -> PlaceFile.parse("f", new ObjectMapper().readTree("[1]"))).hasMessageContaining("one JSON object");
    }
}
