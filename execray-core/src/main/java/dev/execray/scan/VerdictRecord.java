package dev.execray.scan;

import java.util.Optional;

/**
 * Whether a file would start in one place.
 *
 * @param place  {@code self} for the input's own root, else the place as named with --targets
 * @param status {@code runs}, {@code depends} or {@code fails}
 */
public record VerdictRecord(String place, String status, String reason, Optional<String> errno) {
    public static final String SELF = "self";

    public boolean fails() {
        return status.equals("fails");
    }
}
