package dev.execray.runtime.maps;

/** The four permission characters of a maps line: read, write, execute, and shared ('s') or private ('p'). */
public record Perms(boolean read, boolean write, boolean execute, boolean shared) {

    public static Perms parse(String s) {
        if (s.length() != 4) {
            throw new IllegalArgumentException("permissions must be 4 characters: " + s);
        }
        return new Perms(flag(s, 0, 'r'), flag(s, 1, 'w'), flag(s, 2, 'x'), sharing(s.charAt(3)));
    }

    private static boolean flag(String s, int i, char on) {
        char c = s.charAt(i);
        if (c == on) {
            return true;
        }
        if (c == '-') {
            return false;
        }
        throw new IllegalArgumentException("permission " + (i + 1) + " must be '" + on + "' or '-': " + s);
    }

    private static boolean sharing(char c) {
        if (c == 's') {
            return true;
        }
        if (c == 'p') {
            return false;
        }
        throw new IllegalArgumentException("fourth permission must be 's' or 'p': " + c);
    }

    public boolean writableAndExecutable() {
        return write && execute;
    }

    @Override
    public String toString() {
        return (read ? "r" : "-") + (write ? "w" : "-") + (execute ? "x" : "-") + (shared ? "s" : "p");
    }
}
