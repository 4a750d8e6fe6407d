package dev.execray.exec.lookup;

import dev.execray.exec.places.GoVersion;

import java.util.Optional;

/**
 * The environment a PATH search reads: PATH (empty means "set but empty", which differs from unset),
 * PATHEXT and NoDefaultCurrentDirectoryInExePath on Windows, the working directory, and which Go.
 */
public record LookupEnv(Optional<String> path, Optional<String> pathext, boolean noDefaultCurrentDirectory,
        String cwd, GoVersion go) {

    public static LookupEnv of(Optional<String> path, String cwd) {
        return new LookupEnv(path, Optional.empty(), false, cwd, GoVersion.LATEST);
    }

    public LookupEnv withGo(GoVersion v) {
        return new LookupEnv(path, pathext, noDefaultCurrentDirectory, cwd, v);
    }
}
