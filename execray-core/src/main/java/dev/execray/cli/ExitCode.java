package dev.execray.cli;

/** The exit codes every command keeps; README.md documents them. */
public final class ExitCode {
    /** Everything asked for was done and nothing failed. */
    public static final int OK = 0;
    /** The command worked, and what it checked failed: the binary would not run, a library is missing. */
    public static final int FINDING = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;
    /** An input could not be read or is malformed; partial results were still printed where true. */
    public static final int BAD_INPUT = 3;
    /** A bug in execray itself; the message says where. */
    public static final int INTERNAL = 70;

    /**
     * The code for a place that could not be built. A place naming a file or directory ({@code dir:}, {@code image:})
     * is an input: if it cannot be read it is bad input (3), as {@code check-image} says; a wrong name is usage (2).
     */
    public static int forPlace(String spec) {
        return spec.startsWith("dir:") || spec.startsWith("image:") ? BAD_INPUT : USAGE;
    }

    private ExitCode() {
    }
}
