package dev.execray.exec.places;

import java.util.Optional;

/** A Go release (1.19, 1.22): LookPath's rules changed between them. */
public record GoVersion(int major, int minor) implements Comparable<GoVersion> {
    /** The newest rules modelled. */
    public static final GoVersion LATEST = new GoVersion(1, 24);

    public static Optional<GoVersion> parse(String s) {
        String v = s.startsWith("go") ? s.substring(2) : s;
        String[] p = v.split("\\.");
        try {
            return Optional.of(new GoVersion(Integer.parseInt(p[0]), p.length > 1 ? Integer.parseInt(p[1]) : 0));
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    public boolean atLeast(int maj, int min) {
        return compareTo(new GoVersion(maj, min)) >= 0;
    }

    @Override
    public int compareTo(GoVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
