package dev.execray.golang;

import java.util.List;
import java.util.Optional;

/**
 * What a Go binary says about how it was built: the Go version (runtime.buildVersion) and the module
 * information (runtime.modinfo), with where execray got them from.
 *
 * @param goVersion  byte string, e.g. "go1.22.3"
 * @param blobOffset file offset of the "\xff Go buildinf:" header, when it was found
 * @param notes      what was odd or had to be recovered, in words for the user
 */
public record GoBuildInfo(String goVersion, ModuleInfo modules, Provenance provenance, Optional<Long> blobOffset,
        List<String> notes) {

    /** How the facts were obtained. */
    public enum Provenance {
        /** Read from a 1.18+ build-info blob with inline strings, as debug/buildinfo reads it. */
        BLOB_INLINE("read from the build-info blob (inline strings, Go 1.18+)"),
        /** Read through the pointers of a pre-1.18 build-info blob, as debug/buildinfo reads it. */
        BLOB_POINTERS("read from the build-info blob (pointers, before Go 1.18)"),
        /**
         * No usable blob: the version was recovered from the runtime's own version string and the modules from
         * between the modinfo sentinels. Not what {@code go version -m} reads.
         */
        RECOVERED("recovered without the build-info blob (runtime version string, modinfo sentinels)");

        private final String description;

        Provenance(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public boolean recovered() {
        return provenance == Provenance.RECOVERED;
    }

    public Optional<GoVersion> version() {
        return GoVersion.parse(GoStrconv.toText(goVersion));
    }
}
