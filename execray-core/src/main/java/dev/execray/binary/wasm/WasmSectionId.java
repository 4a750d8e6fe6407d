package dev.execray.binary.wasm;

/** Section ids of the WebAssembly binary format (core spec 5.5.2), with the spec's names. */
public enum WasmSectionId {
    CUSTOM(0, "custom"),
    TYPE(1, "type"),
    IMPORT(2, "import"),
    FUNCTION(3, "function"),
    TABLE(4, "table"),
    MEMORY(5, "memory"),
    GLOBAL(6, "global"),
    EXPORT(7, "export"),
    START(8, "start"),
    ELEMENT(9, "element"),
    CODE(10, "code"),
    DATA(11, "data"),
    DATA_COUNT(12, "datacount"),
    TAG(13, "tag");

    private final int id;
    private final String specName;

    WasmSectionId(int id, String specName) {
        this.id = id;
        this.specName = specName;
    }

    public int id() {
        return id;
    }

    public String specName() {
        return specName;
    }

    /** The spec name of an id, or "unknown(n)". */
    public static String nameOf(int id) {
        for (WasmSectionId s : values()) {
            if (s.id == id) {
                return s.specName;
            }
        }
        return "unknown(" + id + ")";
    }
}
