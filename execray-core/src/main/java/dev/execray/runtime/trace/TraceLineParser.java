package dev.execray.runtime.trace;

import dev.execray.runtime.trace.TraceEvent.GcCycle;
import dev.execray.runtime.trace.TraceEvent.GcForcedBySysmon;
import dev.execray.runtime.trace.TraceEvent.LegacyForcedScavenge;
import dev.execray.runtime.trace.TraceEvent.PacerCycleEnd;
import dev.execray.runtime.trace.TraceEvent.PacerCycleStart;
import dev.execray.runtime.trace.TraceEvent.PacerLegacyCycleEnd;
import dev.execray.runtime.trace.TraceEvent.PacerSweepDone;
import dev.execray.runtime.trace.TraceEvent.PackageInit;
import dev.execray.runtime.trace.TraceEvent.ScanStats;
import dev.execray.runtime.trace.TraceEvent.Scavenge;
import dev.execray.runtime.trace.TraceEvent.SchedDetail;
import dev.execray.runtime.trace.TraceEvent.SchedGoroutine;
import dev.execray.runtime.trace.TraceEvent.SchedProc;
import dev.execray.runtime.trace.TraceEvent.SchedSummary;
import dev.execray.runtime.trace.TraceEvent.SchedThread;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads single lines of Go runtime trace output: gctrace, scavtrace, gcpacertrace, schedtrace with
 * and without scheddetail, inittrace; every printed shape from go1.13 to go1.27 (see
 * {@link LineFormat}). A hand-written byte scanner: no regular expression, no String per line on
 * the common paths. Not thread-safe; one instance per reading thread.
 *
 * <p>Program output may share the stream (all of this goes to fd 2, as does the program's own
 * stderr), and the runtime writes each printed piece with its own write(2), so a line can start with
 * the program's unterminated text. Lines are therefore classified three ways: a trace event (maybe
 * after some program text), program output (no trace marker), or unreadable (a trace marker whose
 * line does not follow the format: reported, never guessed at).
 */
public final class TraceLineParser {

    /** What one line turned out to be. */
    public sealed interface Result {
    }

    /** A trace line; {@code skippedPrefix} bytes of program output stood before it. */
    public record Event(TraceEvent event, int skippedPrefix) implements Result {
    }

    /** Not runtime trace output. */
    public record ProgramOutput() implements Result {
    }

    /** A runtime trace marker followed by something that is not the format. */
    public record Unreadable(int column, String expected) implements Result {
    }

    private static final byte[] GC_FORCED = Cursor.bytes("GC forced");
    private static final byte[] SCAV = Cursor.bytes("scav ");
    private static final byte[] FORCED_SCVG = Cursor.bytes("forced scvg: ");
    private static final byte[] PACER = Cursor.bytes("pacer: ");
    private static final byte[] SCHED = Cursor.bytes("SCHED ");
    private static final byte[] INIT = Cursor.bytes("init ");
    private static final byte[] SCAN = Cursor.bytes("scan: ");

    private final Cursor c = new Cursor();
    /** Wait reasons and preemptoff strings repeat endlessly: one String each. */
    private final Map<String, String> interned = new HashMap<>();

    /** Classifies one line (without its newline). */
    public Result parse(byte[] buf, int start, int end) {
        int at = start;
        while (true) {
            int kind = markerAt(buf, at, end, at == start);
            if (kind != NONE) {
                try {
                    c.reset(buf, start, at, end);
                    return new Event(parseKind(kind), at - start);
                } catch (TraceSyntaxException e) {
                    if (kind == WEAK_INIT || kind == WEAK_SCAN) {
                        return PROGRAM_OUTPUT; // "init ..." and "scan: ..." are ordinary words too
                    }
                    return new Unreadable(e.column(), e.expected());
                }
            }
            at = nextCandidate(buf, at + 1, end);
            if (at < 0) {
                return isTraceTail(buf, start, end) ? SPLIT_TAIL : PROGRAM_OUTPUT;
            }
        }
    }

    public Result parse(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return parse(b, 0, b.length);
    }

    private static final ProgramOutput PROGRAM_OUTPUT = new ProgramOutput();
    // column 1: the whole piece is the unreadable part (columns are 1-based)
    private static final Unreadable SPLIT_TAIL = new Unreadable(1, "the rest of a runtime trace line split by program output");
    private static final byte[] SCHED_GOMAXPROCS = Cursor.bytes("gomaxprocs=");
    private static final byte[] SCHED_IDLEPROCS = Cursor.bytes(" idleprocs=");
    private static final byte[] SCHED_THREADS = Cursor.bytes(" threads=");
    private static final byte[] GOAL = Cursor.bytes(" MB goal");

    /**
     * A program's own write can land inside a runtime line, even between "gc " and its number; the
     * piece after it has no marker but still carries the line's fixed tail. Counting it as unreadable
     * (not as program output) keeps every lost cycle visible.
     */
    private static boolean isTraceTail(byte[] b, int start, int end) {
        return contains(b, start, end, MS_CLOCK) && contains(b, start, end, MS_CPU) && contains(b, start, end, GOAL)
                || contains(b, start, end, SCHED_GOMAXPROCS) && contains(b, start, end, SCHED_IDLEPROCS)
                        && contains(b, start, end, SCHED_THREADS);
    }

    private static boolean contains(byte[] b, int start, int end, byte[] lit) {
        for (int i = start; i + lit.length <= end; i++) {
            if (startsWith(b, i, end, lit)) {
                return true;
            }
        }
        return false;
    }

    private static final int NONE = 0;
    private static final int GC = 1;
    private static final int GCFORCED = 2;
    private static final int SCAVENGE = 3;
    private static final int LEGACY_SCVG = 4;
    private static final int PACER_LINE = 5;
    private static final int SCHED_LINE = 6;
    private static final int P_LINE = 7;
    private static final int M_LINE = 8;
    private static final int G_LINE = 9;
    private static final int WEAK_INIT = 10;
    private static final int WEAK_SCAN = 11;

    /**
     * Which trace line, if any, starts at {@code i}. Weak markers (ordinary words) count only at the
     * start of a line; inside a line only markers distinctive enough not to be program text do.
     */
    private static int markerAt(byte[] b, int i, int end, boolean lineStart) {
        int n = end - i;
        if (n < 3) {
            return NONE;
        }
        switch (b[i]) {
            case 'g':
                return n >= 4 && b[i + 1] == 'c' && b[i + 2] == ' ' && Cursor.isDigit(b[i + 3]) ? GC : NONE;
            case 'G':
                return lineStart && n == GC_FORCED.length && startsWith(b, i, end, GC_FORCED) ? GCFORCED : NONE;
            case 's':
                if (startsWith(b, i, end, SCAV) && n > 5 && Cursor.isDigit(b[i + 5])) {
                    return SCAVENGE;
                }
                return lineStart && startsWith(b, i, end, SCAN) ? WEAK_SCAN : NONE;
            case 'f':
                return startsWith(b, i, end, FORCED_SCVG) ? LEGACY_SCVG : NONE;
            case 'p':
                return startsWith(b, i, end, PACER) ? PACER_LINE : NONE;
            case 'S':
                return startsWith(b, i, end, SCHED) ? SCHED_LINE : NONE;
            case 'i':
                return lineStart && startsWith(b, i, end, INIT) ? WEAK_INIT : NONE;
            case ' ':
                if (lineStart && n >= 4 && b[i + 1] == ' ' && Cursor.isDigit(b[i + 3])) {
                    switch (b[i + 2]) {
                        case 'P':
                            return P_LINE;
                        case 'M':
                            return M_LINE;
                        case 'G':
                            return G_LINE;
                        default:
                            return NONE;
                    }
                }
                return NONE;
            default:
                return NONE;
        }
    }

    /** The next position where a distinctive marker could start, or -1. */
    private static int nextCandidate(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            byte x = b[i];
            if ((x == 'g' || x == 's' || x == 'f' || x == 'p' || x == 'S') && markerAt(b, i, end, false) != NONE) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] b, int i, int end, byte[] lit) {
        if (end - i < lit.length) {
            return false;
        }
        for (int k = 0; k < lit.length; k++) {
            if (b[i + k] != lit[k]) {
                return false;
            }
        }
        return true;
    }

    private TraceEvent parseKind(int kind) {
        switch (kind) {
            case GC:
                return gc();
            case GCFORCED:
                return new GcForcedBySysmon(LineFormat.GC_FORCED_BY_SYSMON);
            case SCAVENGE:
                return scav();
            case LEGACY_SCVG:
                return legacyScvg();
            case PACER_LINE:
                return pacer();
            case SCHED_LINE:
                return sched();
            case P_LINE:
                return proc();
            case M_LINE:
                return thread();
            case G_LINE:
                return goroutine();
            case WEAK_INIT:
                return init();
            case WEAK_SCAN:
                return scanStats();
            default:
                throw new IllegalStateException("marker " + kind);
        }
    }

    // --- gctrace ---------------------------------------------------------------------------

    private static final byte[] GC_PREFIX = Cursor.bytes("gc ");
    private static final byte[] AT = Cursor.bytes(" @");
    private static final byte[] S_SPACE = Cursor.bytes("s ");
    private static final byte[] LEAK = Cursor.bytes(" (checking for goroutine leaks)");
    private static final byte[] COLON_SPACE = Cursor.bytes(": ");
    private static final byte[] MS_CLOCK = Cursor.bytes(" ms clock, ");
    private static final byte[] MS_CPU = Cursor.bytes(" ms cpu, ");
    private static final byte[] ARROW = Cursor.bytes("->");
    private static final byte[] MB_COMMA = Cursor.bytes(" MB, ");
    private static final byte[] MB_GOAL = Cursor.bytes(" MB goal, ");
    private static final byte[] MB_STACKS = Cursor.bytes(" MB stacks, ");
    private static final byte[] MB_GLOBALS = Cursor.bytes(" MB globals, ");
    private static final byte[] SPACE_P = Cursor.bytes(" P");
    private static final byte[] FORCED = Cursor.bytes(" (forced)");

    private GcCycle gc() {
        c.expect(GC_PREFIX);
        long number = c.uint();
        c.expect(AT);
        long startMillis = c.fixed(3);
        c.expect(S_SPACE);
        int util = c.uint32();
        c.expect('%');
        boolean leak = c.tryConsume(LEAK);
        c.expect(COLON_SPACE);
        long clock1 = c.fixed(3);
        c.expect('+');
        long clock2 = c.fixed(3);
        c.expect('+');
        long clock3 = c.fixed(3);
        c.expect(MS_CLOCK);
        long cpu1 = c.fixed(3);
        c.expect('+');
        long cpu2 = c.fixed(3);
        c.expect('/');
        long cpu3 = c.fixed(3);
        c.expect('/');
        long cpu4 = c.fixed(3);
        c.expect('+');
        long cpu5 = c.fixed(3);
        c.expect(MS_CPU);
        long heap0 = c.uint();
        c.expect(ARROW);
        long heap1 = c.uint();
        c.expect(ARROW);
        long heap2 = c.uint();
        c.expect(MB_COMMA);
        long goal = c.uint();
        c.expect(MB_GOAL);
        long n = c.uint();
        OptionalLong stacks = OptionalLong.empty();
        OptionalLong globals = OptionalLong.empty();
        LineFormat format = LineFormat.GC_WITHOUT_STACKS;
        if (c.tryConsume(MB_STACKS)) {
            stacks = OptionalLong.of(n);
            globals = OptionalLong.of(c.uint());
            c.expect(MB_GLOBALS);
            n = c.uint();
            format = leak ? LineFormat.GC_WITH_LEAK_CHECK : LineFormat.GC_WITH_STACKS;
        } else if (leak) {
            throw c.fail("\" MB stacks, \" (the leak-check note comes only with go1.26's format)");
        }
        if (n > Integer.MAX_VALUE) {
            throw c.fail("a GOMAXPROCS below 2^31");
        }
        c.expect(SPACE_P);
        boolean forced = c.tryConsume(FORCED);
        c.expectEnd();
        return new GcCycle(format, number, startMillis, util, clock1, clock2, clock3, cpu1, cpu2, cpu3, cpu4, cpu5,
                heap0, heap1, heap2, goal, stacks, globals, (int) n, forced, leak);
    }

    // --- scavtrace -------------------------------------------------------------------------

    private static final byte[] KIB_WORK = Cursor.bytes(" KiB work");
    private static final byte[] BG = Cursor.bytes(" (bg), ");
    private static final byte[] KIB_WORK_EAGER = Cursor.bytes(" KiB work (eager), ");
    private static final byte[] KIB_NOW = Cursor.bytes(" KiB now, ");
    private static final byte[] KIB_TOTAL = Cursor.bytes(" KiB total, ");
    private static final byte[] COMMA_SPACE = Cursor.bytes(", ");
    private static final byte[] UTIL = Cursor.bytes("% util");
    private static final byte[] CONTROLLER_RESET = Cursor.bytes(" [controller reset]");

    private Scavenge scav() {
        c.expect(SCAV);
        long first = c.uint();
        OptionalLong gen = OptionalLong.empty();
        long work;
        if (!c.lookingAt(KIB_WORK)) {
            c.expect(' '); // go1.14 to go1.18: the scavenge generation comes first
            gen = OptionalLong.of(first);
            work = c.uint();
        } else {
            work = first;
        }
        c.expect(KIB_WORK);
        OptionalLong eager = OptionalLong.empty();
        long released;
        LineFormat format;
        if (gen.isEmpty() && c.tryConsume(BG)) {
            eager = OptionalLong.of(c.uint());
            c.expect(KIB_WORK_EAGER);
            released = c.uint();
            c.expect(KIB_NOW);
            format = LineFormat.SCAV_BG_EAGER;
        } else {
            c.expect(COMMA_SPACE);
            released = c.uint();
            c.expect(KIB_TOTAL);
            format = gen.isPresent() ? LineFormat.SCAV_WITH_GENERATION : LineFormat.SCAV_WORK_TOTAL;
        }
        long util = c.uint();
        c.expect(UTIL);
        boolean forced = c.tryConsume(FORCED);
        boolean reset = !forced && c.tryConsume(CONTROLLER_RESET);
        c.expectEnd();
        return new Scavenge(format, gen, work, eager, released, (int) Math.min(util, Integer.MAX_VALUE), forced, reset);
    }

    private static final byte[] MB_RELEASED = Cursor.bytes(" MB released");
    private static final byte[] INUSE = Cursor.bytes("inuse: ");
    private static final byte[] IDLE = Cursor.bytes(", idle: ");
    private static final byte[] SYS = Cursor.bytes(", sys: ");
    private static final byte[] RELEASED = Cursor.bytes(", released: ");
    private static final byte[] CONSUMED = Cursor.bytes(", consumed: ");
    private static final byte[] MB_PAREN = Cursor.bytes(" (MB)");

    private LegacyForcedScavenge legacyScvg() {
        c.expect(FORCED_SCVG);
        if (c.tryConsume(INUSE)) {
            long inuse = c.uint();
            c.expect(IDLE);
            long idle = c.uint();
            c.expect(SYS);
            long sys = c.uint();
            c.expect(RELEASED);
            long rel = c.uint();
            c.expect(CONSUMED);
            long consumed = c.uint();
            c.expect(MB_PAREN);
            c.expectEnd();
            return new LegacyForcedScavenge(LineFormat.SCVG_FORCED_LEGACY, OptionalLong.empty(), OptionalLong.of(inuse),
                    OptionalLong.of(idle), OptionalLong.of(sys), OptionalLong.of(rel), OptionalLong.of(consumed));
        }
        long released = c.uint();
        c.expect(MB_RELEASED);
        c.expectEnd();
        return new LegacyForcedScavenge(LineFormat.SCVG_FORCED_LEGACY, OptionalLong.of(released), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
    }

    // --- gcpacertrace ----------------------------------------------------------------------

    private static final byte[] ASSIST = Cursor.bytes("assist ratio=");
    private static final byte[] SCAN_OPEN = Cursor.bytes(" (scan ");
    private static final byte[] MB_IN = Cursor.bytes(" MB in ");
    private static final byte[] MB_CLOSE_WORKERS = Cursor.bytes(" MB) workers=");
    private static final byte[] SWEEP_DONE = Cursor.bytes("sweep done at heap size ");
    private static final byte[] H_M_PREV = Cursor.bytes("H_m_prev=");
    private static final byte[] CPU_OPEN = Cursor.bytes("% CPU (");
    private static final byte[] EXP_FOR = Cursor.bytes(" exp.) for ");
    private static final byte[] B_WORK = Cursor.bytes(" B work (");
    private static final byte[] B_EXP_IN = Cursor.bytes(" B exp.) in ");
    private static final byte[] B_ARROW = Cursor.bytes(" B -> ");
    private static final byte[] B_GOAL = Cursor.bytes(" B (\u2206goal ");
    private static final byte[] CONS_MARK = Cursor.bytes(", cons/mark ");
    private static final byte[] RESET_TIGHT = Cursor.bytes("[controller reset]");

    private TraceEvent pacer() {
        c.expect(PACER);
        if (c.tryConsume(ASSIST)) {
            FloatStyle style = floatStyle();
            double ratio = c.goFloat();
            c.expect(SCAN_OPEN);
            long scan = c.uint();
            c.expect(MB_IN);
            long live = c.uint();
            c.expect(ARROW);
            long goal = c.uint();
            c.expect(MB_CLOSE_WORKERS);
            long dedicated = c.uint();
            c.expect('+');
            double frac = c.goFloat();
            c.expectEnd();
            return new PacerCycleStart(LineFormat.PACER_START, style, ratio, scan, live, goal, dedicated, frac);
        }
        if (c.tryConsume(SWEEP_DONE)) {
            long heap = c.uint();
            c.expect(MB_ALLOCATED);
            long alloc = c.uint();
            c.expect(MB_DURING);
            long pages = c.uint();
            c.expect(PAGES_AT);
            FloatStyle style = floatStyle();
            double ppb = c.goFloat();
            c.expect(PAGES_PER_BYTE);
            c.expectEnd();
            return new PacerSweepDone(LineFormat.PACER_SWEEP_DONE, style, heap, alloc, pages, ppb);
        }
        if (c.tryConsume(H_M_PREV)) {
            return legacyPacerEnd();
        }
        int util = c.sint32();
        c.expect(CPU_OPEN);
        int goal = c.sint32();
        c.expect(EXP_FOR);
        long heapWork = c.sint();
        c.expect('+');
        long stackWork = c.sint();
        c.expect('+');
        long globalsWork = c.sint();
        c.expect(B_WORK);
        long expected = c.uint();
        c.expect(B_EXP_IN);
        long trigger = c.uint();
        c.expect(B_ARROW);
        long live = c.uint();
        c.expect(B_GOAL);
        long delta = c.sint();
        c.expect(CONS_MARK);
        FloatStyle style = floatStyle();
        double consMark = c.goFloat();
        c.expect(')');
        boolean reset = c.tryConsume(RESET_TIGHT);
        c.expectEnd();
        return new PacerCycleEnd(LineFormat.PACER_END, style, util, goal, heapWork, stackWork, globalsWork, expected,
                trigger, live, delta, consMark, reset);
    }

    private static final byte[] MB_ALLOCATED = Cursor.bytes("MB; allocated ");
    private static final byte[] MB_DURING = Cursor.bytes("MB during sweep; swept ");
    private static final byte[] PAGES_AT = Cursor.bytes(" pages at ");
    private static final byte[] PAGES_PER_BYTE = Cursor.bytes(" pages/byte");
    private static final byte[] H_T = Cursor.bytes(" h_t=");
    private static final byte[] BIG_H_T = Cursor.bytes(" H_T=");
    private static final byte[] H_A = Cursor.bytes(" h_a=");
    private static final byte[] BIG_H_A = Cursor.bytes(" H_a=");
    private static final byte[] H_G = Cursor.bytes(" h_g=");
    private static final byte[] BIG_H_G = Cursor.bytes(" H_g=");
    private static final byte[] U_A = Cursor.bytes(" u_a=");
    private static final byte[] U_G = Cursor.bytes(" u_g=");
    private static final byte[] W_A = Cursor.bytes(" W_a=");
    private static final byte[] GOAL_DELTA = Cursor.bytes(" goal\u0394=");
    private static final byte[] ACTUAL_DELTA = Cursor.bytes(" actual\u0394=");
    private static final byte[] U_RATIO = Cursor.bytes(" u_a/u_g=");

    private PacerLegacyCycleEnd legacyPacerEnd() {
        long hmPrev = c.uint();
        c.expect(H_T);
        FloatStyle style = floatStyle();
        double ht = c.goFloat();
        c.expect(BIG_H_T);
        long bigHT = c.uint();
        c.expect(H_A);
        double ha = c.goFloat();
        c.expect(BIG_H_A);
        long bigHA = c.uint();
        c.expect(H_G);
        double hg = c.goFloat();
        c.expect(BIG_H_G);
        long bigHG = c.sint();
        c.expect(U_A);
        double ua = c.goFloat();
        c.expect(U_G);
        double ug = c.goFloat();
        c.expect(W_A);
        long wa = c.sint();
        c.expect(GOAL_DELTA);
        double gd = c.goFloat();
        c.expect(ACTUAL_DELTA);
        double ad = c.goFloat();
        c.expect(U_RATIO);
        double ur = c.goFloat();
        c.expectEnd();
        return new PacerLegacyCycleEnd(LineFormat.PACER_END_LEGACY, style, hmPrev, ht, bigHT, ha, bigHA, hg, bigHG, ua, ug,
                wa, gd, ad, ur);
    }

    private FloatStyle floatStyle() {
        return c.lookingAtRuntimeExponentFloat() ? FloatStyle.RUNTIME_EXPONENT : FloatStyle.SHORTEST;
    }

    // --- schedtrace ------------------------------------------------------------------------

    private static final byte[] MS_GOMAXPROCS = Cursor.bytes("ms: gomaxprocs=");
    private static final byte[] IDLEPROCS = Cursor.bytes(" idleprocs=");
    private static final byte[] THREADS = Cursor.bytes(" threads=");
    private static final byte[] SPINNING = Cursor.bytes(" spinningthreads=");
    private static final byte[] NEEDSPINNING = Cursor.bytes(" needspinning=");
    private static final byte[] IDLETHREADS = Cursor.bytes(" idlethreads=");
    private static final byte[] RUNQUEUE = Cursor.bytes(" runqueue=");
    private static final byte[] GCWAITING = Cursor.bytes(" gcwaiting=");
    private static final byte[] NMIDLELOCKED = Cursor.bytes(" nmidlelocked=");
    private static final byte[] STOPWAIT = Cursor.bytes(" stopwait=");
    private static final byte[] SYSMONWAIT = Cursor.bytes(" sysmonwait=");
    private static final byte[] SCHEDTICKS = Cursor.bytes(" schedticks=[ ");

    private SchedSummary sched() {
        c.expect(SCHED);
        long millis = c.uint();
        c.expect(MS_GOMAXPROCS);
        int gomaxprocs = c.uint32();
        c.expect(IDLEPROCS);
        int idle = c.uint32();
        c.expect(THREADS);
        int threads = c.uint32();
        c.expect(SPINNING);
        int spinning = c.uint32();
        OptionalInt need = OptionalInt.empty();
        if (c.tryConsume(NEEDSPINNING)) {
            need = OptionalInt.of(c.uint32());
        }
        c.expect(IDLETHREADS);
        int idleThreads = c.sint32();
        c.expect(RUNQUEUE);
        int runq = c.uint32();
        if (c.tryConsume(GCWAITING)) {
            boolean gcw = c.flag();
            c.expect(NMIDLELOCKED);
            int nmil = c.sint32();
            c.expect(STOPWAIT);
            int stopwait = c.sint32();
            c.expect(SYSMONWAIT);
            boolean smw = c.flag();
            c.expectEnd();
            LineFormat f = need.isPresent() ? LineFormat.SCHED_WITH_NEEDSPINNING : LineFormat.SCHED_WITHOUT_NEEDSPINNING;
            return new SchedSummary(f, millis, gomaxprocs, idle, threads, spinning, need, idleThreads, runq, List.of(),
                    List.of(), Optional.of(new SchedDetail(gcw, nmil, stopwait, smw)));
        }
        List<Integer> local = new ArrayList<>(Math.min(gomaxprocs, 1024));
        List<Long> ticks = List.of();
        LineFormat f = need.isPresent() ? LineFormat.SCHED_WITH_NEEDSPINNING : LineFormat.SCHED_WITHOUT_NEEDSPINNING;
        if (!c.atEnd()) {
            c.expect(' ');
            c.expect('[');
            boolean spaced = c.tryConsume(' ');
            while (true) {
                local.add(c.uint32());
                if (spaced) {
                    c.expect(' ');
                    if (c.tryConsume(']')) {
                        break;
                    }
                } else if (c.tryConsume(']')) {
                    break;
                } else {
                    c.expect(' ');
                }
            }
            if (spaced) {
                c.expect(SCHEDTICKS);
                List<Long> t = new ArrayList<>(local.size());
                while (!c.tryConsume(']')) {
                    t.add(c.uint());
                    c.expect(' ');
                }
                ticks = List.copyOf(t);
                f = LineFormat.SCHED_WITH_SCHEDTICKS;
            }
            c.expectEnd();
        }
        return new SchedSummary(f, millis, gomaxprocs, idle, threads, spinning, need, idleThreads, runq, List.copyOf(local),
                ticks, Optional.empty());
    }

    private static final byte[] P_STATUS = Cursor.bytes(": status=");
    private static final byte[] SCHEDTICK = Cursor.bytes(" schedtick=");
    private static final byte[] SYSCALLTICK = Cursor.bytes(" syscalltick=");
    private static final byte[] M_EQ = Cursor.bytes(" m=");
    private static final byte[] RUNQSIZE = Cursor.bytes(" runqsize=");
    private static final byte[] GFREECNT = Cursor.bytes(" gfreecnt=");
    private static final byte[] TIMERSLEN = Cursor.bytes(" timerslen=");

    private int idStyle; // bit 1: saw -1, bit 2: saw nil

    private OptionalLong id() {
        if (c.lookingAtNil()) {
            idStyle |= 2;
        } else if (c.peek() == '-') {
            idStyle |= 1;
        }
        return c.optionalId();
    }

    private IdStyle takeIdStyle() {
        int s = idStyle;
        idStyle = 0;
        if (s == 3) {
            throw c.fail("one spelling of absent ids (-1 or nil), not both");
        }
        return s == 1 ? IdStyle.MINUS_ONE : s == 2 ? IdStyle.NIL : IdStyle.UNDETERMINED;
    }

    private SchedProc proc() {
        idStyle = 0;
        c.expect(' ');
        c.expect(' ');
        c.expect('P');
        int id = c.uint32();
        c.expect(P_STATUS);
        int status = c.uint32();
        c.expect(SCHEDTICK);
        long schedtick = c.uint();
        c.expect(SYSCALLTICK);
        long syscalltick = c.uint();
        c.expect(M_EQ);
        OptionalLong m = id();
        c.expect(RUNQSIZE);
        long runq = c.uint();
        c.expect(GFREECNT);
        long gfree = c.sint();
        c.expect(TIMERSLEN);
        long timers = c.uint();
        c.expectEnd();
        return new SchedProc(LineFormat.SCHED_DETAIL_P, takeIdStyle(), id, status, schedtick, syscalltick, m, runq, gfree,
                timers);
    }

    private static final byte[] P_EQ = Cursor.bytes(": p=");
    private static final byte[] CURG = Cursor.bytes(" curg=");
    private static final byte[] MALLOCING = Cursor.bytes(" mallocing=");
    private static final byte[] THROWING = Cursor.bytes(" throwing=");
    private static final byte[] PREEMPTOFF = Cursor.bytes(" preemptoff=");
    private static final byte[] LOCKS = Cursor.bytes(" locks=");
    private static final byte[] DYING = Cursor.bytes(" dying=");
    private static final byte[] SPINNING_EQ = Cursor.bytes(" spinning=");
    private static final byte[] BLOCKED = Cursor.bytes(" blocked=");
    private static final byte[] LOCKEDG = Cursor.bytes(" lockedg=");

    private SchedThread thread() {
        idStyle = 0;
        c.expect(' ');
        c.expect(' ');
        c.expect('M');
        long id = c.uint();
        c.expect(P_EQ);
        OptionalLong p = id();
        c.expect(CURG);
        OptionalLong curg = id();
        c.expect(MALLOCING);
        long mallocing = c.sint();
        c.expect(THROWING);
        long throwing = c.sint();
        c.expect(PREEMPTOFF);
        // preemptoff is free text: it ends where the last " locks=" starts
        int locksAt = c.lastIndexOf(LOCKS);
        if (locksAt < 0) {
            throw c.fail("\" locks=\" after preemptoff");
        }
        String preemptOff = intern(c.text(c.pos(), locksAt));
        c.pos(locksAt);
        c.expect(LOCKS);
        long locks = c.sint();
        c.expect(DYING);
        long dying = c.sint();
        c.expect(SPINNING_EQ);
        boolean spinning = c.bool();
        c.expect(BLOCKED);
        boolean blocked = c.bool();
        c.expect(LOCKEDG);
        OptionalLong lockedg = id();
        c.expectEnd();
        return new SchedThread(LineFormat.SCHED_DETAIL_M, takeIdStyle(), id, p, curg, mallocing, throwing, preemptOff, locks,
                dying, spinning, blocked, lockedg);
    }

    private static final byte[] CLOSE_M_EQ = Cursor.bytes(") m=");
    private static final byte[] LOCKEDM = Cursor.bytes(" lockedm=");

    private SchedGoroutine goroutine() {
        idStyle = 0;
        c.expect(' ');
        c.expect(' ');
        c.expect('G');
        long id = c.uint();
        c.expect(P_STATUS);
        int status = c.uint32();
        c.expect('(');
        // wait reasons contain parentheses ("force gc (idle)"): the reason ends at the last ") m="
        int close = c.lastIndexOf(CLOSE_M_EQ);
        if (close < 0) {
            throw c.fail("\") m=\" after the wait reason");
        }
        String reason = intern(c.text(c.pos(), close));
        c.pos(close);
        c.expect(CLOSE_M_EQ);
        OptionalLong m = id();
        c.expect(LOCKEDM);
        OptionalLong lockedm = id();
        c.expectEnd();
        return new SchedGoroutine(LineFormat.SCHED_DETAIL_G, takeIdStyle(), id, status, reason, m, lockedm);
    }

    private String intern(String s) {
        if (interned.size() > 4096) {
            return s; // bounded: hostile input cannot grow the table without end
        }
        String known = interned.putIfAbsent(s, s);
        return known == null ? s : known;
    }

    // --- inittrace, scan stats -------------------------------------------------------------

    private static final byte[] MS_COMMA = Cursor.bytes(" ms, ");
    private static final byte[] BYTES_COMMA = Cursor.bytes(" bytes, ");
    private static final byte[] ALLOCS = Cursor.bytes(" allocs");

    private PackageInit init() {
        c.expect(INIT);
        int start = c.pos();
        while (!c.atEnd() && c.peek() != ' ') {
            c.pos(c.pos() + 1);
        }
        if (c.pos() == start) {
            throw c.fail("a package path");
        }
        String pkg = c.text(start, c.pos());
        c.expect(AT);
        long at = c.fixed(3);
        c.expect(MS_COMMA);
        long clock = c.fixed(3);
        c.expect(MS_CLOCK);
        long bytes = c.uint();
        c.expect(BYTES_COMMA);
        long allocs = c.uint();
        c.expect(ALLOCS);
        c.expectEnd();
        return new PackageInit(LineFormat.INIT, pkg, at, clock, bytes, allocs);
    }

    private ScanStats scanStats() {
        c.expect(SCAN);
        String text = c.text(c.pos(), c.end());
        if (!text.startsWith("total ") && !text.startsWith("class ")) {
            throw c.fail("\"total\" or \"class\"");
        }
        return new ScanStats(LineFormat.SCAN_STATS, text);
    }
}
