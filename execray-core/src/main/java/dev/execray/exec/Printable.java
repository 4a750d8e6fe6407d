package dev.execray.exec;

/** Shows strings from files safely: control characters (a stray \r above all) become visible escapes. */
public final class Printable {
    private Printable() {
    }

    public static String of(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    public static String quote(String s) {
        return "\"" + of(s) + "\"";
    }
}
