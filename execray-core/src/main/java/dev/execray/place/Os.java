package dev.execray.place;

import java.util.Locale;
import java.util.Optional;

/** Operating systems whose exec rules execray knows, named as GOOS names them. */
public enum Os {
    LINUX("linux"),
    DARWIN("darwin"),
    FREEBSD("freebsd"),
    OPENBSD("openbsd"),
    NETBSD("netbsd"),
    WINDOWS("windows");

    private final String goos;

    Os(String goos) {
        this.goos = goos;
    }

    public String goos() {
        return goos;
    }

    public boolean isUnix() {
        return this != WINDOWS;
    }

    public static Optional<Os> parse(String s) {
        String v = s.toLowerCase(Locale.ROOT);
        if (v.equals("macos") || v.equals("osx")) {
            v = "darwin";
        }
        for (Os o : values()) {
            if (o.goos.equals(v)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
