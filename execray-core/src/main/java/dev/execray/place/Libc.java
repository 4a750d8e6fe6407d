package dev.execray.place;

/**
 * The C library whose execvp() searches PATH on a target: they differ in the default PATH, in
 * running /bin/sh on ENOEXEC, and in which errors end the search.
 */
public enum Libc {
    GLIBC("glibc"),
    MUSL("musl"),
    /** FreeBSD, OpenBSD, NetBSD and macOS libc: execvP()'s rules. */
    BSD("BSD libc"),
    /** Windows: no execvp; CreateProcess searches. */
    MSVCRT("Windows");

    private final String display;

    Libc(String display) {
        this.display = display;
    }

    public String display() {
        return display;
    }
}
