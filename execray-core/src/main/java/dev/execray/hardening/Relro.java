package dev.execray.hardening;

/** RELRO: whether the loader makes relocated data read-only after relocation (PT_GNU_RELRO), and when. */
public enum Relro {
    /** No PT_GNU_RELRO segment: the GOT stays writable for the life of the process. */
    NONE("none"),
    /** PT_GNU_RELRO without BIND_NOW: .got is protected, .got.plt stays writable for lazy binding. */
    PARTIAL("partial"),
    /** PT_GNU_RELRO with BIND_NOW (DT_BIND_NOW, DF_BIND_NOW or DF_1_NOW): everything resolved at start, then sealed. */
    FULL("full");

    private final String label;

    Relro(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Parses a label as written by {@link #label()}; unknown text is {@link #NONE}. */
    public static Relro of(String label) {
        for (Relro r : values()) {
            if (r.label.equals(label)) {
                return r;
            }
        }
        return NONE;
    }
}
