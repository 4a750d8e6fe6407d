package dev.execray.runtime.maps;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/** Any bytes as a maps/smaps file, and as the ELF file behind every mapping. */
class MapsFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void anyBytesAsMapsAndAsTheMappedFile(byte[] data) throws IOException {
        MapsSnapshot s = MapsParser.parse("fuzz", new ByteArrayInputStream(data));
        assertThat(s.problems().size()).isLessThanOrEqualTo(MapsParser.KEPT_PROBLEMS);
        MapsReport r = MapsAttribution.attribute(s, m -> ByteSource.of(data), 4096);
        assertThat(r.mappings()).hasSize(s.mappings().size());
        for (MappedObject o : r.objects()) {
            assertThat(o.mappings()).isPositive();
        }
    }

    @FuzzTest(maxDuration = "60s")
    void anyBytesAsAnElfFile(byte[] data) {
        try {
            ElfLoadSegments e = ElfLoadSegments.read(ByteSource.of(data));
            assertThat(e.loads().size()).isLessThanOrEqualTo(data.length / 32 + 1);
        } catch (BinaryFormatException expected) {
            assertThat(expected.structure()).isNotEmpty();
        }
    }
}
