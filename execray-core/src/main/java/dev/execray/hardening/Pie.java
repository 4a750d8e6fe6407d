package dev.execray.hardening;

/** Whether the file loads at a random address: checksec's PIE column. */
public enum Pie {
    /** ET_EXEC: loaded at its link address. */
    NO("no"),
    /** ET_DYN that is an executable (DF_1_PIE, or DT_DEBUG as linkers emit for programs only). */
    PIE("yes"),
    /** ET_DYN shared object: position independent by nature. */
    DSO("dso"),
    /** ET_REL: an object file, not loaded by itself. */
    REL("rel"),
    /** Any other type (core files, unknown). */
    OTHER("other");

    private final String label;

    Pie(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
