package dev.execray.binary;

/** The kinds of file execray tells apart, with the names used in JSON output. */
public enum FileFormat {
    ELF("elf"),
    PE("pe"),
    MACHO("macho"),
    FAT("fat"),
    XCOFF("xcoff"),
    WASM("wasm"),
    ARCHIVE("archive"),
    /** A bare COFF object (.obj), no MZ stub: compilers' output for Windows and the members of a .lib. */
    COFF("coff"),
    SCRIPT("script"),
    UNKNOWN("unknown");

    private final String jsonName;

    FileFormat(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }
}
