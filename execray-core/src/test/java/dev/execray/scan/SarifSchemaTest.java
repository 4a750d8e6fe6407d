package dev.execray.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scan's SARIF against JSON schemas, with networknt's draft-04 validator (already on the classpath through
 * cyclonedx-core-java). The committed schema is the subset of SARIF 2.1.0 that execray writes, transcribed from the
 * specification; the OASIS schema itself is not redistributed here. Given {@code -Dexecray.sarif.schema=FILE} (the
 * OASIS sarif-schema-2.1.0.json), the same documents are also validated against the full schema.
 */
class SarifSchemaTest {
    private static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Findings on file names that need URI escaping (the [ of /usr/bin/[, spaces, %, non-ASCII). */
    private List<JsonNode> documents() throws Exception {
        Path rel = tmp.resolve("rel ease");
        Files.createDirectories(rel.resolve("bin"));
        for (String name : List.of("[", "has space", "100%", "caf\u00e9", "a#b?c")) {
            Files.copy(Path.of("/usr/bin/true"), rel.resolve("bin").resolve(name));
        }
        InputResult r;
        try (ScanService s = new ScanService(ScanOptions.defaults().withThreads(1))) {
            r = s.scan(new ScanInput.Tree(rel, Optional.empty()));
        }
        List<Policy.Finding> findings = Policy.parse("glibc>2.0,hardening:cet,hardening:relro<full")
                .check(List.of(r), List.of());
        assertThat(findings).hasSizeGreaterThanOrEqualTo(5);
        // each location decodes back to the file's path
        JsonNode sarif = ScanJson.sarif(findings, "1.0-test");
        for (JsonNode res : sarif.path("runs").get(0).path("results")) {
            String uri = res.path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri")
                    .asText();
            String path = java.net.URLDecoder.decode(uri.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(r.files()).extracting(FileRecord::path).contains("/" + path);
        }
        List<JsonNode> docs = new ArrayList<>();
        docs.add(ScanJson.sarif(findings, "1.0-test"));
        docs.add(ScanJson.sarif(List.of(), "1.0-test"));
        return docs;
    }

    private static Set<ValidationMessage> validate(InputStream schema, JsonNode doc) {
        JsonSchema s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
        return s.validate(doc);
    }

    @Test
    void sarifIsValidAgainstTheSpecsSubset() throws Exception {
        for (JsonNode doc : documents()) {
            try (InputStream in = getClass().getResourceAsStream("/sarif/sarif-2.1.0-subset.schema.json")) {
                assertThat(in).isNotNull();
                assertThat(validate(in, doc)).as(doc.toString()).isEmpty();
            }
        }
        // the subset is not vacuous: a result without a message, an unknown level, a bad URI are refused
        JsonNode bad = M.readTree("""
                {"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[
                  {"ruleId":"r","level":"fatal"},
                  {"message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"a b["}}}]}]}]}
                """);
        try (InputStream in = getClass().getResourceAsStream("/sarif/sarif-2.1.0-subset.schema.json")) {
            assertThat(validate(in, bad)).hasSizeGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void sarifIsValidAgainstTheOasisSchemaWhenGiven() throws Exception {
        String file = System.getProperty("execray.sarif.schema", "");
        Assumptions.assumeTrue(!file.isEmpty() && Files.isRegularFile(Path.of(file)),
                "-Dexecray.sarif.schema=FILE (the OASIS sarif-schema-2.1.0.json) not given");
        for (JsonNode doc : documents()) {
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                assertThat(validate(in, doc)).as(doc.toString()).isEmpty();
            }
        }
    }
}
