package dev.execray.rootfs.image;

import java.util.Locale;
import java.util.Optional;

/**
 * An image platform as OCI writes it: {@code os/architecture[/variant]}, e.g. {@code linux/arm64/v8}.
 * Matching follows containerd's normalisation for the cases users type: {@code aarch64} is
 * {@code arm64}, {@code x86_64} is {@code amd64}, and arm64's default variant is v8.
 */
public record Platform(String os, String architecture, Optional<String> variant) {

    public static Platform parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("/");
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("platform must be os/arch[/variant], e.g. linux/arm64: " + text);
        }
        return new Platform(parts[0], normaliseArch(parts[1]),
                parts.length == 3 && !parts[2].isEmpty() ? Optional.of(parts[2]) : Optional.empty());
    }

    public static Platform of(String os, String arch, String variant) {
        return new Platform(os == null ? "" : os.toLowerCase(Locale.ROOT), normaliseArch(arch == null ? "" : arch),
                variant == null || variant.isEmpty() ? Optional.empty() : Optional.of(variant.toLowerCase(Locale.ROOT)));
    }

    static String normaliseArch(String arch) {
        return switch (arch.toLowerCase(Locale.ROOT)) {
            case "x86_64", "x86-64" -> "amd64";
            case "aarch64" -> "arm64";
            case "i386", "i686" -> "386";
            default -> arch.toLowerCase(Locale.ROOT);
        };
    }

    /** Whether an image entry of platform {@code other} satisfies this request. */
    public boolean matches(Platform other) {
        if (!os.equals(other.os) || !architecture.equals(other.architecture)) {
            return false;
        }
        if (variant.isEmpty()) {
            return true;
        }
        String want = variant.get();
        String have = other.variant.orElse(architecture.equals("arm64") ? "v8" : "");
        return want.equals(have);
    }

    @Override
    public String toString() {
        return os + "/" + architecture + variant.map(v -> "/" + v).orElse("");
    }
}
