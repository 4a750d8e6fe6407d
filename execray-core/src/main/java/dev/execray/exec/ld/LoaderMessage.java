package dev.execray.exec.ld;

import java.util.Optional;

/**
 * One thing the loader reports, with the exact line it prints (glibc's {@code fatal_error} and
 * {@code print_missing_version}, musl's {@code error}). {@code fatal} messages stop a real start;
 * warnings are printed and the program runs.
 */
public record LoaderMessage(Kind kind, boolean fatal, String line, Optional<String> object,
                            Optional<String> subject) {

    public enum Kind {
        /** A DT_NEEDED name found nowhere. */
        NOT_FOUND,
        /** A candidate file stopped the loader (corrupt, a directory, an executable, ...). */
        LOAD_ERROR,
        /** A version required from a library is not defined by it. */
        VERSION_MISSING,
        /** A weak version requirement is not met (glibc only warns). */
        WEAK_VERSION_MISSING,
        /** A versioned requirement against a library without version definitions (glibc only warns). */
        NO_VERSION_INFORMATION,
        /** An undefined symbol bound at startup has no definition. */
        UNDEFINED_SYMBOL,
        /** An undefined function bound lazily has no definition: the program fails when it first calls it. */
        UNDEFINED_SYMBOL_AT_CALL,
        /** An LD_PRELOAD or /etc/ld.so.preload object was ignored. */
        PRELOAD_IGNORED,
        /** A DT_NEEDED name was not looked up because a token in it has no value. */
        NEEDED_SKIPPED
    }
}
