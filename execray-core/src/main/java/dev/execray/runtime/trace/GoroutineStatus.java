package dev.execray.runtime.trace;

/**
 * A goroutine's status as {@code readgstatus} returns it (runtime2.go). The {@code _Gscan} bit
 * (0x1000) may be set on top of any of these while the GC scans the stack.
 */
public enum GoroutineStatus {
    IDLE(0, "_Gidle"),
    RUNNABLE(1, "_Grunnable"),
    RUNNING(2, "_Grunning"),
    SYSCALL(3, "_Gsyscall"),
    WAITING(4, "_Gwaiting"),
    MORIBUND_UNUSED(5, "_Gmoribund_unused"),
    DEAD(6, "_Gdead"),
    ENQUEUE_UNUSED(7, "_Genqueue_unused"),
    COPYSTACK(8, "_Gcopystack"),
    PREEMPTED(9, "_Gpreempted"),
    /** go1.26 onwards: found by the goroutine leak detector. */
    LEAKED(10, "_Gleaked"),
    /** go1.26 onwards. */
    DEADEXTRA(11, "_Gdeadextra"),
    UNKNOWN(-1, "unknown");

    public static final int SCAN_BIT = 0x1000;

    private final int value;
    private final String goName;

    GoroutineStatus(int value, String goName) {
        this.value = value;
        this.goName = goName;
    }

    public int value() {
        return value;
    }

    public String goName() {
        return goName;
    }

    /** The status with the scan bit cleared. */
    public static GoroutineStatus of(int raw) {
        int v = raw & ~SCAN_BIT;
        for (GoroutineStatus s : values()) {
            if (s.value == v && s != UNKNOWN) {
                return s;
            }
        }
        return UNKNOWN;
    }

    public static String describe(int raw) {
        GoroutineStatus s = of(raw);
        String base = s == UNKNOWN ? "unknown(" + (raw & ~SCAN_BIT) + ")" : s.goName;
        return (raw & SCAN_BIT) != 0 ? "_Gscan|" + base : base;
    }
}
