package dev.execray.golang;

import java.util.List;
import java.util.Optional;

/**
 * One GODEBUG key: who reads it, the releases that have it, the values it takes and what it does.
 *
 * @param since     first release line that reads it (go1.21 for a key added in 1.21.0)
 * @param backports patch releases of older lines that also read it (go1.21.6 for disablethp)
 * @param removed   first release line that no longer reads it
 * @param changed   release whose default changed, with {@code oldValue} restoring the behaviour before it
 */
public record GodebugSetting(String name, Owner owner, String pkg, GoVersion since, List<GoVersion> backports,
        Optional<GoVersion> removed, Optional<GoVersion> changed, Optional<String> oldValue, GodebugValues values,
        String summary) {

    /** Who reads the key. */
    public enum Owner {
        RUNTIME("runtime"),
        PACKAGE("package"),
        GO_COMMAND("go command");

        private final String label;

        Owner(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Whether a program built with release {@code v} reads this key. */
    public boolean presentIn(GoVersion v) {
        if (removed.isPresent() && !v.isBefore(removed.get())) {
            return false;
        }
        if (!v.isBefore(since)) {
            return true;
        }
        return backports.stream().anyMatch(b -> b.major() == v.major() && b.minor() == v.minor() && !v.isBefore(b));
    }

    public boolean addedAfter(GoVersion v) {
        return v.isBefore(since) && !presentIn(v) && removed.map(r -> v.isBefore(r)).orElse(true);
    }
}
