package dev.execray.golang;

import java.util.Optional;

/**
 * The layouts of Go's function table (pclntab), named by the first Go release that wrote each. The magic is
 * the uint32 at offset 0, in the target's byte order (src/debug/gosym/pclntab.go: go12magic, go116magic,
 * go118magic, go120magic).
 */
public enum PclntabVersion {
    GO12(0xfffffffbL, "1.2"),
    GO116(0xfffffffaL, "1.16"),
    GO118(0xfffffff0L, "1.18"),
    GO120(0xfffffff1L, "1.20");

    private final long magic;
    private final String since;

    PclntabVersion(long magic, String since) {
        this.magic = magic;
        this.since = since;
    }

    public long magic() {
        return magic;
    }

    /** The Go release that introduced this layout, as "1.18". */
    public String since() {
        return since;
    }

    public static Optional<PclntabVersion> ofMagic(long magic) {
        for (PclntabVersion v : values()) {
            if (v.magic == magic) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
