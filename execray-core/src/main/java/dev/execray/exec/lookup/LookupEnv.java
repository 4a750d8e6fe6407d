package dev.execray.exec.lookup;

import dev.execray.golang.GoRelease;
import dev.execray.golang.GoVersion;
import java.util.Optional;

/**
 * The environment a PATH search reads: PATH (empty means "set but empty", which differs from unset),
 * PATHEXT and NoDefaultCurrentDirectoryInExePath on Windows, the working directory, and which Go (by default the newest
 * release execray knows: the rules modelled last changed in Go 1.24 and hold for every later release).
 */
public record LookupEnv(Optional<String> path, Optional<String> pathext, boolean noDefaultCurrentDirectory,
        String cwd, GoVersion go) {

    public static LookupEnv of(Optional<String> path, String cwd) {
        return new LookupEnv(path, Optional.empty(), false, cwd, latestGo());
    }

    /** The Go whose rules apply when none is named. */
    public static GoVersion latestGo() {
        return GoRelease.newest().version();
    }

    public LookupEnv withGo(GoVersion v) {
        return new LookupEnv(path, pathext, noDefaultCurrentDirectory, cwd, v);
    }
}
