package dev.execray.scan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.spdx.core.InvalidSPDXAnalysisException;
import org.spdx.jacksonstore.MultiFormatStore;
import org.spdx.library.ModelCopyManager;
import org.spdx.library.SpdxModelFactory;
import org.spdx.library.model.v2.ReferenceType;
import org.spdx.library.model.v2.SpdxConstantsCompatV2;
import org.spdx.library.model.v2.SpdxDocument;
import org.spdx.library.model.v2.SpdxItem;
import org.spdx.library.model.v2.SpdxPackage;
import org.spdx.library.model.v2.enumerations.ChecksumAlgorithm;
import org.spdx.library.model.v2.enumerations.Purpose;
import org.spdx.library.model.v2.enumerations.ReferenceCategory;
import org.spdx.library.model.v2.enumerations.RelationshipType;
import org.spdx.library.model.v2.license.AnyLicenseInfo;
import org.spdx.library.model.v2.license.SpdxNoAssertionLicense;
import org.spdx.storage.simple.InMemSpdxStore;

/**
 * An SPDX 2.3 JSON SBOM of scan results, written through the SPDX library (never by hand). Each scanned file is a
 * package with {@code filesAnalyzed=false} and its SHA-256 (an SPDX 2.3 File would need a SHA-1, which the scan does
 * not compute); Go modules are packages with a pkg:golang PURL and the SHA-256 of their h1: hash; programs DEPEND_ON
 * the shared libraries of the same scan and their modules. Only this class touches the SPDX classes.
 */
public final class SpdxSbom {
    private SpdxSbom() {
    }

    /** The document, and the SPDX library's own verification of it (empty when valid). */
    public record Result(String json, List<String> verification) {
    }

    public static Result json(List<InputResult> inputs) {
        // licences are never looked up on the network: only the list shipped in the library
        System.setProperty("SPDXParser.OnlyUseLocalLicenses", "true");
        SpdxModelFactory.init();
        try {
            MultiFormatStore store = new MultiFormatStore(new InMemSpdxStore(), MultiFormatStore.Format.JSON_PRETTY);
            ModelCopyManager copies = new ModelCopyManager();
            String uri = "https://spdx.org/spdxdocs/execray-scan-" + UUID.randomUUID();
            SpdxDocument doc = new SpdxDocument(store, uri, copies, true);
            doc.setSpecVersion(SpdxConstantsCompatV2.SPEC_TWO_POINT_THREE_VERSION);
            doc.setName("execray scan of " + String.join(", ", inputs.stream().map(InputResult::name).toList()));
            doc.setCreationInfo(doc.createCreationInfo(List.of("Tool: execray"),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
            doc.setDataLicense(org.spdx.library.LicenseInfoFactory.getListedLicenseByIdCompatV2("CC0-1.0"));
            AnyLicenseInfo none = new SpdxNoAssertionLicense(store, uri);
            ReferenceType purlType = new ReferenceType(SpdxConstantsCompatV2.SPDX_LISTED_REFERENCE_TYPES_PREFIX + "purl");
            Map<String, SpdxPackage> bySoname = new HashMap<>();
            Map<FileRecord, SpdxPackage> files = new LinkedHashMap<>();
            Map<String, SpdxPackage> modules = new LinkedHashMap<>();
            int n = 0;
            List<SpdxItem> described = new ArrayList<>();
            for (InputResult r : inputs) {
                for (FileRecord f : r.files()) {
                    n++;
                    SpdxPackage p = doc.createPackage("SPDXRef-file-" + n, f.path(), none, "NOASSERTION", none)
                            .setFilesAnalyzed(false)
                            .setDownloadLocation("NOASSERTION")
                            .setPackageFileName(f.path())
                            .setPrimaryPurpose(f.soname().isPresent() ? Purpose.LIBRARY
                                    : f.verdicts().isEmpty() ? Purpose.FILE : Purpose.APPLICATION)
                            .setComment(f.format() + (f.arch().isEmpty() ? "" : " " + f.arch()) + ", input " + r.name())
                            .addChecksum(doc.createChecksum(ChecksumAlgorithm.SHA256, f.sha256()))
                            .build();
                    files.put(f, p);
                    described.add(p);
                    f.soname().ifPresent(s -> bySoname.putIfAbsent(s, p));
                }
            }
            doc.setDocumentDescribes(described);
            int m = 0;
            for (var e : files.entrySet()) {
                FileRecord f = e.getKey();
                SpdxPackage p = e.getValue();
                for (String lib : f.needed()) {
                    SpdxPackage to = bySoname.get(lib);
                    if (to != null && to != p) {
                        p.addRelationship(doc.createRelationship(to, RelationshipType.DEPENDS_ON, null));
                    }
                }
                if (f.go().isEmpty()) {
                    continue;
                }
                for (GoInfo.Module mod : f.go().get().modules()) {
                    String purl = "pkg:golang/" + mod.path() + "@" + mod.version();
                    SpdxPackage mp = modules.get(purl);
                    if (mp == null) {
                        m++;
                        SpdxPackage.SpdxPackageBuilder b = doc.createPackage("SPDXRef-go-" + m, mod.path(), none,
                                "NOASSERTION", none).setFilesAnalyzed(false).setDownloadLocation("NOASSERTION")
                                .setVersionInfo(mod.version()).setPrimaryPurpose(Purpose.LIBRARY)
                                .addExternalRef(doc.createExternalRef(ReferenceCategory.PACKAGE_MANAGER, purlType, purl,
                                        f.go().get().recovered() ? "recovered from a stripped build-info header" : null));
                        Optional<String> h = CycloneDxSbom.h1(mod.sum());
                        if (h.isPresent()) {
                            b.addChecksum(doc.createChecksum(ChecksumAlgorithm.SHA256, h.get()));
                        }
                        mp = b.build();
                        modules.put(purl, mp);
                    }
                    p.addRelationship(doc.createRelationship(mp, RelationshipType.DEPENDS_ON, null));
                }
            }
            List<String> verification = doc.verify();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.serialize(out);
            return new Result(out.toString(StandardCharsets.UTF_8), verification);
        } catch (InvalidSPDXAnalysisException | IOException e) {
            throw new IllegalStateException("SPDX generation failed: " + e.getMessage(), e);
        }
    }
}
