package dev.execray.binary.macho;

import java.util.Optional;

/** LC_BUILD_VERSION platforms (PLATFORM_*, mach-o/loader.h). */
public enum Platform {
    MACOS(1, "macos"),
    IOS(2, "ios"),
    TVOS(3, "tvos"),
    WATCHOS(4, "watchos"),
    BRIDGEOS(5, "bridgeos"),
    MACCATALYST(6, "maccatalyst"),
    IOSSIMULATOR(7, "iossimulator"),
    TVOSSIMULATOR(8, "tvossimulator"),
    WATCHOSSIMULATOR(9, "watchossimulator"),
    DRIVERKIT(10, "driverkit"),
    VISIONOS(11, "visionos"),
    VISIONOSSIMULATOR(12, "visionossimulator"),
    FIRMWARE(13, "firmware"),
    SEPOS(14, "sepos");

    private final int value;
    private final String shortName;

    Platform(int value, String shortName) {
        this.value = value;
        this.shortName = shortName;
    }

    public int value() {
        return value;
    }

    public String specName() {
        return "PLATFORM_" + name();
    }

    public String shortName() {
        return shortName;
    }

    public static Optional<Platform> of(long value) {
        for (Platform p : values()) {
            if (p.value == value) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public static String describe(long value) {
        return of(value).map(Platform::shortName).orElse("unknown(" + value + ")");
    }
}
