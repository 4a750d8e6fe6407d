package dev.execray.binary.macho;

import java.util.Optional;

/** The header's {@code filetype} (MH_*). */
public enum MachFileType {
    OBJECT(1, "object"),
    EXECUTE(2, "executable"),
    FVMLIB(3, "fixed VM shared library"),
    CORE(4, "core"),
    PRELOAD(5, "preloaded executable"),
    DYLIB(6, "dynamic library"),
    DYLINKER(7, "dynamic linker"),
    BUNDLE(8, "bundle"),
    DYLIB_STUB(9, "dynamic library stub"),
    DSYM(10, "dSYM companion"),
    KEXT_BUNDLE(11, "kernel extension"),
    FILESET(12, "file set"),
    GPU_EXECUTE(13, "GPU executable"),
    GPU_DYLIB(14, "GPU dynamic library");

    private final int value;
    private final String title;

    MachFileType(int value, String title) {
        this.value = value;
        this.title = title;
    }

    public int value() {
        return value;
    }

    public String specName() {
        return "MH_" + name();
    }

    public String title() {
        return title;
    }

    public static Optional<MachFileType> of(long value) {
        for (MachFileType t : values()) {
            if (t.value == value) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public static String describe(long value) {
        return of(value).map(MachFileType::specName).orElse("unknown(" + value + ")");
    }
}
