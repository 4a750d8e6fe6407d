package dev.execray.place;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Linux kernel version, compared numerically; parsed from uname -r style strings ("6.1.0-18-amd64"). */
public record KernelVersion(int major, int minor, int patch) implements Comparable<KernelVersion> {
    /**
     * The kernel whose rules apply when none is given and none can be detected (a profile, a place file or a
     * root without one, {@code binfmt parse}): a recent long-term release. Defined here only, and
     * named in the help of {@code --kernel} from here.
     */
    public static final String ASSUMED_NAME = "6.12";

    private static final Pattern FORM = Pattern.compile("^(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    /** {@link #ASSUMED_NAME} as a version (the name is a constant so that option descriptions can quote it). */
    public static final KernelVersion ASSUMED = parse(ASSUMED_NAME).orElseThrow();

    public static Optional<KernelVersion> parse(String s) {
        Matcher m = FORM.matcher(s.trim());
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new KernelVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    m.group(3) == null ? 0 : Integer.parseInt(m.group(3))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public static KernelVersion of(int major, int minor) {
        return new KernelVersion(major, minor, 0);
    }

    public boolean atLeast(int maj, int min) {
        return compareTo(of(maj, min)) >= 0;
    }

    @Override
    public int compareTo(KernelVersion o) {
        if (major != o.major) {
            return Integer.compare(major, o.major);
        }
        if (minor != o.minor) {
            return Integer.compare(minor, o.minor);
        }
        return Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + (patch != 0 ? "." + patch : "");
    }
}
