package dev.execray.binary.pe;

/** The sixteen slots of the optional header's data directory, in spec order (IMAGE_DIRECTORY_ENTRY_*). */
public enum DataDirectoryKind {
    EXPORT("export table"),
    IMPORT("import table"),
    RESOURCE("resource table"),
    EXCEPTION("exception table"),
    SECURITY("certificate table"),
    BASERELOC("base relocation table"),
    DEBUG("debug directory"),
    ARCHITECTURE("architecture"),
    GLOBALPTR("global pointer"),
    TLS("TLS table"),
    LOAD_CONFIG("load config table"),
    BOUND_IMPORT("bound import table"),
    IAT("import address table"),
    DELAY_IMPORT("delay import descriptor"),
    COM_DESCRIPTOR("CLR runtime header"),
    RESERVED("reserved");

    private final String title;

    DataDirectoryKind(String title) {
        this.title = title;
    }

    /** The index in the directory array. */
    public int index() {
        return ordinal();
    }

    public String specName() {
        return "IMAGE_DIRECTORY_ENTRY_" + name();
    }

    /** The name the PE specification's table uses, e.g. "import table". */
    public String title() {
        return title;
    }
}
