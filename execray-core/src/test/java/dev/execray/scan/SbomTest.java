package dev.execray.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SBOMs are valid by their own library's validator. */
class SbomTest {
    @TempDir
    Path tmp;

    @Test
    void cycloneDxOfAScanValidates() throws Exception {
        Path rel = ScanServiceTest.release(tmp.resolve("r"), "/usr/bin/ls", "/usr/bin/true");
        InputResult r;
        try (ScanService s = new ScanService(ScanOptions.defaults())) {
            r = s.scan(new ScanInput.Tree(rel, Optional.empty()));
        }
        // a Go binary's modules, as the store gives them back, become pkg:golang components with their hashes
        FileRecord any = r.files().get(0);
        FileRecord go = new FileRecord("/bin/tool", 10, 0755, any.sha256(), "ELF", "x86-64", "NONE", "EXEC",
                Optional.empty(), Optional.empty(), List.of(), Optional.empty(), List.of(), Optional.empty(),
                Optional.of(new GoInfo("go1.22.1", false, "example.com/tool", "(devel)", List.of(new GoInfo.Module(
                        "golang.org/x/sys", "v0.18.0", "h1:DBdB3niSjOA/O0blCZBqDefyWNYveAYMNF1Wum0DYQ4=")))), List.of(), Optional.empty());
        InputResult with = new InputResult(r.name(), r.kind(), r.base(), r.root(), r.platform(), r.places(),
                concat(r.files(), go), r.errors(), r.notes(), r.millis());
        String json = CycloneDxSbom.json(List.of(with));
        assertThat(new JsonParser().validate(json.getBytes(StandardCharsets.UTF_8), CycloneDxSbom.VERSION)).isEmpty();
        JsonNode bom = new ObjectMapper().readTree(json);
        assertThat(bom.path("specVersion").asText()).isEqualTo("1.6");
        assertThat(bom.path("components").findValuesAsText("purl")).contains("pkg:golang/golang.org/x/sys@v0.18.0");
        assertThat(bom.path("components").findValuesAsText("content")).contains(any.sha256());
        assertThat(bom.path("dependencies").size()).isEqualTo(with.files().size());
    }

    @Test
    void spdxOfAScanVerifiesBeforeAndAfterReadingItBack() throws Exception {
        Path rel = ScanServiceTest.release(tmp.resolve("s"), "/usr/bin/ls");
        InputResult r;
        try (ScanService s = new ScanService(ScanOptions.defaults())) {
            r = s.scan(new ScanInput.Tree(rel, Optional.empty()));
        }
        FileRecord any = r.files().get(0);
        FileRecord go = new FileRecord("/bin/tool", 10, 0755, any.sha256(), "ELF", "x86-64", "NONE", "EXEC",
                Optional.empty(), Optional.empty(), List.of("libc.so.6"), Optional.empty(), List.of(), Optional.empty(),
                Optional.of(new GoInfo("go1.22.1", true, "example.com/tool", "(devel)", List.of(new GoInfo.Module(
                        "golang.org/x/sys", "v0.18.0", "h1:DBdB3niSjOA/O0blCZBqDefyWNYveAYMNF1Wum0DYQ4=")))), List.of(), Optional.empty());
        InputResult with = new InputResult(r.name(), r.kind(), r.base(), r.root(), r.platform(), r.places(),
                concat(r.files(), go), r.errors(), r.notes(), r.millis());
        SpdxSbom.Result sbom = SpdxSbom.json(List.of(with));
        assertThat(sbom.verification()).isEmpty();
        JsonNode doc = new ObjectMapper().readTree(sbom.json());
        assertThat(doc.path("spdxVersion").asText()).isEqualTo("SPDX-2.3");
        assertThat(doc.path("packages").size()).isEqualTo(with.files().size() + 1);
        assertThat(doc.path("packages").findValuesAsText("referenceLocator")).contains("pkg:golang/golang.org/x/sys@v0.18.0");
        // read back through the library's own JSON store and verified again
        var store = new org.spdx.jacksonstore.MultiFormatStore(new org.spdx.storage.simple.InMemSpdxStore(),
                org.spdx.jacksonstore.MultiFormatStore.Format.JSON);
        var back = (org.spdx.library.model.v2.SpdxDocument) store.deSerialize(
                new java.io.ByteArrayInputStream(sbom.json().getBytes(StandardCharsets.UTF_8)), false);
        assertThat(back.verify()).isEmpty();
        assertThat(back.getDocumentDescribes()).hasSize(with.files().size());
    }

    private static List<FileRecord> concat(List<FileRecord> a, FileRecord b) {
        List<FileRecord> out = new java.util.ArrayList<>(a);
        out.add(b);
        return out;
    }
}
