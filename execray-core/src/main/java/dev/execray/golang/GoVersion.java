package dev.execray.golang;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Go release as Go writes it: {@code go1.22.3}, {@code go1.21rc2}, {@code go1.24}, also with the suffixes
 * toolchains append ({@code go1.22.3 X:boringcrypto}, {@code devel go1.23-abc123 ...}). Ordered like Go's
 * own go/version: 1.21rc1 &lt; 1.21.0; patch 0 and a missing patch are the same release.
 */
public record GoVersion(int major, int minor, int patch, String prerelease) implements Comparable<GoVersion> {
    private static final Pattern FORM = Pattern.compile("(?:devel )?go(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?((?:rc|beta|alpha)\\d+)?.*",
            Pattern.DOTALL);

    public GoVersion {
        prerelease = prerelease == null ? "" : prerelease;
    }

    public static GoVersion of(int major, int minor) {
        return new GoVersion(major, minor, 0, "");
    }

    public static GoVersion of(int major, int minor, int patch) {
        return new GoVersion(major, minor, patch, "");
    }

    /** Parses "go1.22.3", "1.22", "go1.21rc2", "devel go1.23-abc"; empty when it is not a Go version. */
    public static Optional<GoVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        if (!t.startsWith("go") && !t.startsWith("devel go") && !t.isEmpty() && Character.isDigit(t.charAt(0))) {
            t = "go" + t;
        }
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            int major = Integer.parseInt(m.group(1));
            int minor = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            return Optional.of(new GoVersion(major, minor, patch, m.group(4) == null ? "" : m.group(4)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The release line, go1.22 for go1.22.3. */
    public GoVersion release() {
        return new GoVersion(major, minor, 0, "");
    }

    public boolean isBefore(GoVersion other) {
        return compareTo(other) < 0;
    }

    public boolean atLeast(GoVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(GoVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        if (c == 0) {
            c = Integer.compare(patch, o.patch);
        }
        if (c == 0) {
            // a pre-release comes before its release; alpha < beta < rc by name, then by number
            if (prerelease.isEmpty() || o.prerelease.isEmpty()) {
                return prerelease.isEmpty() ? (o.prerelease.isEmpty() ? 0 : 1) : -1;
            }
            c = prerelease.replaceAll("\\d", "").compareTo(o.prerelease.replaceAll("\\d", ""));
            if (c == 0) {
                c = Integer.compare(Integer.parseInt(prerelease.replaceAll("\\D", "")),
                        Integer.parseInt(o.prerelease.replaceAll("\\D", "")));
            }
        }
        return c;
    }

    @Override
    public String toString() {
        return "go" + major + "." + minor + (patch > 0 ? "." + patch : "") + prerelease;
    }

    /** "1.22" style, as release notes and verdicts say it. */
    public String shortName() {
        return major + "." + minor;
    }
}
