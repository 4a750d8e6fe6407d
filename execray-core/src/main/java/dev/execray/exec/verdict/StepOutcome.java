package dev.execray.exec.verdict;

/** What one step decided: passed on, did not apply, or ended the exec with an error. */
public enum StepOutcome {
    /** The step accepted the file and the exec goes on. */
    OK("ok"),
    /** The step did not apply (a handler said "not mine", an entry did not match) and the next one is tried. */
    SKIPPED("skip"),
    /** The step ended the exec. */
    FAILED("fail"),
    /** A fact worth showing that decided nothing. */
    NOTE("note");

    private final String label;

    StepOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
