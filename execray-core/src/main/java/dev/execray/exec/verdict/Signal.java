package dev.execray.exec.verdict;

/** The signals a start can end with, with the number the shell adds to 128 and the text bash prints. */
public enum Signal {
    SIGILL(4, "Illegal instruction"),
    SIGABRT(6, "Aborted"),
    SIGBUS(7, "Bus error"),
    SIGKILL(9, "Killed"),
    SIGSEGV(11, "Segmentation fault"),
    SIGSYS(31, "Bad system call");

    private final int number;
    private final String description;

    Signal(int number, String description) {
        this.number = number;
        this.description = description;
    }

    public int number() {
        return number;
    }

    /** strsignal(): what bash prints after the job's name. */
    public String description() {
        return description;
    }

    /** The shell's $? for a process killed by this signal. */
    public int exitStatus() {
        return 128 + number;
    }
}
