package dev.execray.report;

/**
 * Colour for terminals: on only when writing to a terminal and NO_COLOR is not set
 * (https://no-color.org). Renderers ask this object and never decide on their own.
 */
public record Style(boolean color) {

    public static final Style PLAIN = new Style(false);

    /** Colour if stdout is a terminal and NO_COLOR is unset or empty. */
    public static Style detect() {
        String nc = System.getenv("NO_COLOR");
        boolean noColor = nc != null && !nc.isEmpty();
        return new Style(!noColor && System.console() != null);
    }

    public String good(String s) {
        return color ? "\u001b[32m" + s + "\u001b[0m" : s;
    }

    public String bad(String s) {
        return color ? "\u001b[31m" + s + "\u001b[0m" : s;
    }

    public String warn(String s) {
        return color ? "\u001b[33m" + s + "\u001b[0m" : s;
    }

    public String dim(String s) {
        return color ? "\u001b[2m" + s + "\u001b[0m" : s;
    }

    public String bold(String s) {
        return color ? "\u001b[1m" + s + "\u001b[0m" : s;
    }
}
