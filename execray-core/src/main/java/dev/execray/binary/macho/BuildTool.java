package dev.execray.binary.macho;

import java.util.Optional;

/** Tools an LC_BUILD_VERSION lists (TOOL_*, mach-o/loader.h). */
public enum BuildTool {
    CLANG(1),
    SWIFT(2),
    LD(3),
    LLD(4),
    METAL(1024),
    AIRLLD(1025),
    AIRNT(1026),
    AIRNT_PLUGIN(1027),
    AIRPACK(1028),
    GPUARCHIVER(1031),
    METAL_FRAMEWORK(1032);

    private final int value;

    BuildTool(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public String specName() {
        return "TOOL_" + name();
    }

    public static Optional<BuildTool> of(long value) {
        for (BuildTool t : values()) {
            if (t.value == value) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public static String describe(long value) {
        return of(value).map(t -> t.name().toLowerCase(java.util.Locale.ROOT)).orElse("unknown(" + value + ")");
    }
}
