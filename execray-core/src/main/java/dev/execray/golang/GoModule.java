package dev.execray.golang;

import java.util.Optional;

/**
 * A module as the build info records it (runtime/debug.Module). Strings are byte strings (see
 * {@link GoStrconv}); {@code replace} is the module that replaced this one in go.mod.
 */
public record GoModule(String path, String version, String sum, Optional<GoModule> replace) {
    public static final GoModule NONE = new GoModule("", "", "", Optional.empty());

    /** Go's {@code bi.Main != (Module{})}: a main module line with every column empty prints nothing. */
    public boolean isZero() {
        return path.isEmpty() && version.isEmpty() && sum.isEmpty() && replace.isEmpty();
    }
}
