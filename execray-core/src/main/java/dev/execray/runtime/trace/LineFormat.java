package dev.execray.runtime.trace;

/**
 * Which printed shape of a runtime trace line was matched, and which Go releases print it. The
 * releases are those whose source was read for this (go1.15, go1.19, go1.21 to go1.27: Debian's
 * golang-1.x-src packages); a bound that could not be read is said so.
 */
public enum LineFormat {
    GC_WITHOUT_STACKS("gc # @#s #%: #+#+# ms clock, #+#/#/#+# ms cpu, #->#-># MB, # MB goal, # P",
            "Go 1.13 to 1.17 (read: go1.15 mgc.go; the stacks/globals fields are absent there and present in go1.19)"),
    GC_WITH_STACKS("gc # @#s #%: #+#+# ms clock, #+#/#/#+# ms cpu, #->#-># MB, # MB goal, # MB stacks, # MB globals, # P",
            "Go 1.18 or 1.19 onwards (read: go1.19, go1.21 to go1.27 mgc.go; go1.18 source not available here)"),
    GC_WITH_LEAK_CHECK("gc # @#s #% (checking for goroutine leaks): ... # MB stacks, # MB globals, # P",
            "Go 1.26 onwards, on a cycle that ran goroutine leak detection (read: go1.26, go1.27 mgc.go)"),
    GC_FORCED_BY_SYSMON("GC forced", "all releases: forcegchelper, periodic GC after 2 minutes without one"),

    SCAV_WITH_GENERATION("scav # # KiB work, # KiB total, #% util", "Go 1.14 to 1.18 (read: go1.15 mgcscavenge.go)"),
    SCAV_WORK_TOTAL("scav # KiB work, # KiB total, #% util", "Go 1.19 to 1.20 (read: go1.19 mgcscavenge.go)"),
    SCAV_BG_EAGER("scav # KiB work (bg), # KiB work (eager), # KiB now, #% util",
            "Go 1.21 onwards (read: go1.21 to go1.27 mgcscavenge.go)"),
    SCVG_FORCED_LEGACY("forced scvg: ...", "Go 1.13 and older: debug.FreeOSMemory under gctrace (mheap.go scavengeAll)"),

    PACER_START("pacer: assist ratio=# (scan # MB in #-># MB) workers=#+#", "all releases in range (go1.15 to go1.27)"),
    PACER_END("pacer: #% CPU (# exp.) for #+#+# B work (# B exp.) in # B -> # B (∆goal #, cons/mark #)",
            "Go 1.18 or 1.19 onwards (read: go1.19, go1.21 to go1.27 mgcpacer.go)"),
    PACER_END_LEGACY("pacer: H_m_prev=# h_t=# H_T=# ...", "Go 1.17 and older (read: go1.15 mgc.go)"),
    PACER_SWEEP_DONE("pacer: sweep done at heap size #MB; allocated #MB during sweep; swept # pages at # pages/byte",
            "all releases in range"),

    SCHED_WITHOUT_NEEDSPINNING("SCHED #ms: gomaxprocs=# idleprocs=# threads=# spinningthreads=# idlethreads=# runqueue=# [# ...]",
            "Go 1.13 to 1.19 (read: go1.15, go1.19 proc.go)"),
    SCHED_WITH_NEEDSPINNING("SCHED #ms: ... spinningthreads=# needspinning=# idlethreads=# runqueue=# [# ...]",
            "Go 1.20 or 1.21 to 1.24 (read: go1.21 to go1.24 proc.go; go1.20 source not available here)"),
    SCHED_WITH_SCHEDTICKS("SCHED #ms: ... runqueue=# [ # ... ] schedticks=[ # ... ]", "Go 1.25 onwards (read: go1.25 to go1.27 proc.go)"),
    SCHED_DETAIL_P("  P#: status=# schedtick=# syscalltick=# m=# runqsize=# gfreecnt=# timerslen=#", "all releases in range"),
    SCHED_DETAIL_M("  M#: p=# curg=# mallocing=# throwing=# preemptoff=... locks=# dying=# spinning=# blocked=# lockedg=#",
            "all releases in range"),
    SCHED_DETAIL_G("  G#: status=#(reason) m=# lockedm=#", "all releases in range"),

    INIT("init <pkg> @# ms, # ms clock, # bytes, # allocs", "Go 1.16 onwards (inittrace)"),
    SCAN_STATS("scan: ...", "Go 1.25 onwards with gctrace=2 (dumpScanStats)");

    private final String shape;
    private final String releases;

    LineFormat(String shape, String releases) {
        this.shape = shape;
        this.releases = releases;
    }

    /** The line's template, {@code #} standing for a number. */
    public String shape() {
        return shape;
    }

    /** Which Go releases print it, and what that was checked against. */
    public String releases() {
        return releases;
    }
}
