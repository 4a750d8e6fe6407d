package dev.execray.bench;

/** Something about a command's runs that makes its figures less trustworthy, said the way hyperfine says it. */
public record Warning(Kind kind, String message) {

    public enum Kind {
        /** Runs far from the median by the modified Z-score (hyperfine's test and threshold). */
        OUTLIERS,
        /** The first run was an outlier: caches were cold. */
        SLOW_FIRST_RUN,
        /** The runs fall into two separated groups. */
        BIMODAL,
        /** The times move steadily up or down with the run number. */
        DRIFT,
        /** The command exited with a non-zero status. */
        NON_ZERO_EXIT,
        /** Runs were killed by the timeout. */
        TIMEOUT,
        /** The simulator could not decide whether the program starts; running it settled that. */
        UNDECIDED
    }
}
