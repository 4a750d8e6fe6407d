package dev.execray.binary.wasm;

/**
 * An import: module and field names and the kind of thing imported (func, table, memory, global, tag), with a
 * short description of its type ("type 3", "memory min 16 pages").
 */
public record WasmImport(String module, String name, Kind kind, String description) {
    /** Import/export kinds (externtype), spec values. */
    public enum Kind {
        FUNC(0, "func"),
        TABLE(1, "table"),
        MEMORY(2, "memory"),
        GLOBAL(3, "global"),
        TAG(4, "tag");

        private final int value;
        private final String specName;

        Kind(int value, String specName) {
            this.value = value;
            this.specName = specName;
        }

        public int value() {
            return value;
        }

        public String specName() {
            return specName;
        }

        static Kind of(int v, long offset) {
            for (Kind k : values()) {
                if (k.value == v) {
                    return k;
                }
            }
            throw new dev.execray.binary.BinaryFormatException("import/export kind", offset, "unknown kind " + v);
        }
    }
}
