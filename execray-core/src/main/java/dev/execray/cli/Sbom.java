package dev.execray.cli;

import dev.execray.scan.CycloneDxSbom;
import dev.execray.scan.InputResult;
import dev.execray.scan.SpdxSbom;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the SBOM a scan asked for; the SBOM libraries are loaded only here. */
final class Sbom {
    private Sbom() {
    }

    static void write(String kind, Path out, List<InputResult> results) throws IOException {
        if (kind.equals("spdx")) {
            SpdxSbom.Result r = SpdxSbom.json(results);
            if (!r.verification().isEmpty()) {
                throw new IOException("the SPDX document does not verify: " + String.join("; ", r.verification()));
            }
            Files.writeString(out, r.json(), StandardCharsets.UTF_8);
        } else {
            Files.writeString(out, CycloneDxSbom.json(results), StandardCharsets.UTF_8);
        }
    }
}
