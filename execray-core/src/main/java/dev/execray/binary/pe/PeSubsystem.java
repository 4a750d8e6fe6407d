package dev.execray.binary.pe;

import java.util.Optional;

/** The optional header's {@code Subsystem} (IMAGE_SUBSYSTEM_*): what environment runs the image. */
public enum PeSubsystem {
    UNKNOWN(0),
    NATIVE(1),
    WINDOWS_GUI(2),
    WINDOWS_CUI(3),
    OS2_CUI(5),
    POSIX_CUI(7),
    NATIVE_WINDOWS(8),
    WINDOWS_CE_GUI(9),
    EFI_APPLICATION(10),
    EFI_BOOT_SERVICE_DRIVER(11),
    EFI_RUNTIME_DRIVER(12),
    EFI_ROM(13),
    XBOX(14),
    WINDOWS_BOOT_APPLICATION(16),
    XBOX_CODE_CATALOG(17);

    private final int value;

    PeSubsystem(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public String specName() {
        return "IMAGE_SUBSYSTEM_" + name();
    }

    public static Optional<PeSubsystem> of(int value) {
        for (PeSubsystem s : values()) {
            if (s.value == value) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public static String describe(int value) {
        return of(value).map(PeSubsystem::specName).orElse("unknown(" + value + ")");
    }
}
