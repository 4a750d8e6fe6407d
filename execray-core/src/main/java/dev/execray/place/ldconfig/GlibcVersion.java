package dev.execray.place.ldconfig;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A glibc release number, as in {@code GLIBC_2.34} version names and {@code ld.so} banners. */
public record GlibcVersion(int major, int minor) implements Comparable<GlibcVersion> {
    private static final Pattern SYMBOL_VERSION = Pattern.compile("GLIBC_(\\d{1,3})\\.(\\d{1,4})(?:\\.(\\d{1,4}))?");

    /** The version of a symbol version name like {@code GLIBC_2.2.5} (patch level ignored). */
    public static Optional<GlibcVersion> ofSymbolVersion(String name) {
        // called for every version requirement of every object: no regex
        if (!name.startsWith("GLIBC_")) {
            return Optional.empty();
        }
        int i = 6;
        int major = 0;
        int start = i;
        while (i < name.length() && Character.isDigit(name.charAt(i)) && i - start < 3) {
            major = major * 10 + (name.charAt(i++) - '0');
        }
        if (i == start || i >= name.length() || name.charAt(i) != '.') {
            return Optional.empty();
        }
        int minor = 0;
        start = ++i;
        while (i < name.length() && Character.isDigit(name.charAt(i)) && i - start < 4) {
            minor = minor * 10 + (name.charAt(i++) - '0');
        }
        if (i == start) {
            return Optional.empty();
        }
        if (i < name.length()) {
            Matcher m = SYMBOL_VERSION.matcher(name);
            if (!m.matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(new GlibcVersion(major, minor));
    }

    public static Optional<GlibcVersion> parse(String s) {
        Matcher m = Pattern.compile("(\\d{1,3})\\.(\\d{1,4})").matcher(s);
        return m.find() ? Optional.of(new GlibcVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))))
                : Optional.empty();
    }

    public boolean atLeast(int maj, int min) {
        return compareTo(new GlibcVersion(maj, min)) >= 0;
    }

    @Override
    public int compareTo(GlibcVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
