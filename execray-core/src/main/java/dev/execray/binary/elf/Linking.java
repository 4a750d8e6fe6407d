package dev.execray.binary.elf;

/** How a file is linked, in the words file(1) uses. */
public enum Linking {
    /** No PT_INTERP and no dynamic section: the kernel jumps straight to the entry point. */
    STATIC("static"),
    /** ET_DYN with DF_1_PIE but no PT_INTERP: relocates itself, needs no loader (gcc -static-pie). */
    STATIC_PIE("static-pie"),
    /** Loaded through the PT_INTERP program interpreter, or a shared object with a dynamic section. */
    DYNAMIC("dynamic"),
    /** Relocatable objects and core dumps are not linked for running. */
    NONE("none");

    private final String jsonName;

    Linking(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }
}
