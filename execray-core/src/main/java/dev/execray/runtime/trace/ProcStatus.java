package dev.execray.runtime.trace;

/** A P's status as scheddetail prints it (runtime2.go {@code _Pidle} ...). */
public enum ProcStatus {
    IDLE(0, "_Pidle"),
    RUNNING(1, "_Prunning"),
    /** {@code _Psyscall} until go1.25; go1.26 renamed it {@code _Psyscall_unused} and no longer sets it. */
    SYSCALL(2, "_Psyscall"),
    GCSTOP(3, "_Pgcstop"),
    DEAD(4, "_Pdead"),
    UNKNOWN(-1, "unknown");

    private final int value;
    private final String goName;

    ProcStatus(int value, String goName) {
        this.value = value;
        this.goName = goName;
    }

    public int value() {
        return value;
    }

    public String goName() {
        return goName;
    }

    public static ProcStatus of(int value) {
        for (ProcStatus s : values()) {
            if (s.value == value && s != UNKNOWN) {
                return s;
            }
        }
        return UNKNOWN;
    }

    /** The canonical name, or "unknown(n)". */
    public static String describe(int value) {
        ProcStatus s = of(value);
        return s == UNKNOWN ? "unknown(" + value + ")" : s.goName;
    }
}
