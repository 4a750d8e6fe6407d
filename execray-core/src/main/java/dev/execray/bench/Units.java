package dev.execray.bench;

import java.util.Locale;

/** Times for people: seconds given, printed in the unit that keeps three or four digits. */
public final class Units {
    private Units() {
    }

    public static String time(double seconds) {
        double a = Math.abs(seconds);
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.3f s", seconds);
        }
        if (a >= 1e-3) {
            return String.format(Locale.ROOT, "%.2f ms", seconds * 1e3);
        }
        return String.format(Locale.ROOT, "%.1f µs", seconds * 1e6);
    }

    /** A time in the same unit as {@code reference}, so that "mean ± σ" reads in one unit. */
    public static String timeLike(double seconds, double reference) {
        double a = Math.abs(reference);
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.3f s", seconds);
        }
        if (a >= 1e-3) {
            return String.format(Locale.ROOT, "%.2f ms", seconds * 1e3);
        }
        return String.format(Locale.ROOT, "%.1f µs", seconds * 1e6);
    }
}
