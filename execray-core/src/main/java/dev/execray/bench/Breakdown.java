package dev.execray.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where start-up time goes, each part measured by the program's own runtime and named with its method:
 * glibc's dynamic loader (LD_DEBUG=statistics) and Go's package initialisation (GODEBUG=inittrace=1). Parsing
 * is bounded and tolerant: lines that do not match are skipped, never fatal.
 */
public final class Breakdown {
    private Breakdown() {
    }

    /**
     * glibc's runtime linker statistics from one run.
     *
     * @param startupCycles    "total startup time in dynamic loader", in the loader's clock (the TSC on x86-64)
     * @param relocationCycles "time needed for relocation"
     * @param loadCycles       "time needed to load objects"
     * @param relocations      "number of relocations" (symbol lookups)
     * @param fromCache        "number of relocations from cache"
     * @param relative         "number of relative relocations"
     * @param startupNanos     {@code startupCycles} in nanoseconds, when the counter's rate is known
     */
    public record LoaderStats(long startupCycles, long relocationCycles, long loadCycles, long relocations,
            long fromCache, long relative, Optional<Double> startupNanos) {

        public LoaderStats withRate(double hz) {
            return new LoaderStats(startupCycles, relocationCycles, loadCycles, relocations, fromCache, relative,
                    hz > 0 ? Optional.of(startupCycles * 1e9 / hz) : Optional.empty());
        }
    }

    /** One Go package's init, from an inittrace line. */
    /**
     * The time the program's own execve() spends in the kernel, until the new image's first instruction can run,
     * as strace -T reports it (median of runs; ptrace's stops add a little: said with the figure).
     */
    public record KernelExec(double medianSeconds, int runs) {
    }

    /**
     * The C library's start-up, measured by execray's rtld-audit module (LD_AUDIT, xrlibc.c): from the moment
     * glibc's loader has mapped every initial object (la_activity LA_ACT_CONSISTENT) to the moment
     * __libc_start_main is about to call main (la_preinit), median over runs, minus the median relocation time of
     * LD_DEBUG=statistics runs of the same program (relocation falls inside that interval; the audit module asks
     * for no symbol bindings, so relocation does the same work with and without it). What remains: the libraries'
     * constructors (_dl_init, libc's own initialisation among them), _start, __libc_start_main and the program's
     * own constructors.
     *
     * @param untilMainTicks median (la_preinit - la_activity) in {@code clock} units
     * @param clock          "tsc" (x86: the counter glibc's statistics use) or "monotonic-ns"
     * @param seconds        the C library start-up in seconds, when the clock's rate is known and a relocation
     *                       time was measured
     */
    public record LibcStartup(long untilMainTicks, String clock, int runs, Optional<Double> seconds) {
    }

    private static final Pattern XRLIBC = Pattern.compile("^xrlibc clock=(tsc|monotonic-ns) consistent=(\\d+) preinit=(\\d+)$");

    /** The (clock, preinit - consistent) of each complete xrlibc line; lines of other runs or clocks are skipped. */
    public static List<Long> parseXrlibc(String text, String[] clockOut) {
        List<Long> out = new ArrayList<>();
        int n = 0;
        for (String line : (Iterable<String>) text.lines()::iterator) {
            if (++n > MAX_LINES) {
                break;
            }
            if (line.length() > MAX_LINE) {
                continue;
            }
            Matcher m = XRLIBC.matcher(line);
            if (!m.matches()) {
                continue;
            }
            try {
                long c = Long.parseLong(m.group(2));
                long p = Long.parseLong(m.group(3));
                if (c > 0 && p >= c) {
                    out.add(p - c);
                    clockOut[0] = m.group(1);
                }
            } catch (NumberFormatException e) {
                // a count beyond a long is not a line xrlibc wrote
            }
        }
        return out;
    }

    private static final Pattern EXECVE = Pattern.compile("^(?:\\d+\\s+)?execve\\(.*\\)\\s+=\\s+0\\s+<(\\d+\\.\\d+)>\\s*$");

    /** The duration of the last successful execve() in one strace -T -e trace=execve output: the program's own. */
    public static Optional<Double> parseStraceExecve(String text) {
        Double last = null;
        int n = 0;
        for (String line : text.split("\n")) {
            if (++n > MAX_LINES) {
                break;
            }
            if (line.length() > 64 * 1024) {
                continue;
            }
            java.util.regex.Matcher m = EXECVE.matcher(line);
            if (m.matches()) {
                last = Double.parseDouble(m.group(1));
            }
        }
        return Optional.ofNullable(last);
    }

    public record GoInit(String pkg, double atMillis, double clockMillis, long bytes, long allocs) {
    }

    /** Go's package initialisation, summed over packages. */
    public record GoInitStats(List<GoInit> inits, double clockMillis, long bytes, long allocs, double lastStartMillis) {
        public GoInitStats {
            inits = List.copyOf(inits);
        }
    }

    private static final Pattern LD = Pattern.compile("^\\s*\\d+:\\s+(.*?):\\s+(\\d+)(?:\\s+cycles)?.*$");
    private static final Pattern INIT = Pattern.compile(
            "^init (\\S+) @(\\d+(?:\\.\\d+)?) ms, (\\d+(?:\\.\\d+)?) ms clock, (\\d+) bytes, (\\d+) allocs$");
    static final int MAX_LINES = 100_000;
    static final int MAX_LINE = 512;

    /** The first statistics block of an LD_DEBUG=statistics output (the one printed at start-up). */
    public static Optional<LoaderStats> parseLdDebug(String text) {
        long[] v = new long[6];
        boolean seen = false;
        int n = 0;
        for (String line : (Iterable<String>) text.lines()::iterator) {
            if (++n > MAX_LINES) {
                break;
            }
            if (line.length() > MAX_LINE) {
                continue; // the loader's lines are short; a long one is the program's output
            }
            Matcher m = LD.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String key = m.group(1).trim().toLowerCase(Locale.ROOT);
            long val;
            try {
                val = Long.parseLong(m.group(2));
            } catch (NumberFormatException e) {
                continue;
            }
            int slot = switch (key) {
                case "total startup time in dynamic loader" -> 0;
                case "time needed for relocation" -> 1;
                case "time needed to load objects" -> 2;
                case "number of relocations" -> 3;
                case "number of relocations from cache" -> 4;
                case "number of relative relocations" -> 5;
                default -> -1;
            };
            if (slot == 0 && seen) {
                break; // a second block belongs to a later stage (exit); the first is start-up
            }
            if (slot >= 0) {
                v[slot] = val;
                seen |= slot == 0;
            }
        }
        return seen ? Optional.of(new LoaderStats(v[0], v[1], v[2], v[3], v[4], v[5], Optional.empty()))
                : Optional.empty();
    }

    /** Every {@code init PKG @T ms, C ms clock, B bytes, A allocs} line of a GODEBUG=inittrace=1 run. */
    public static Optional<GoInitStats> parseInittrace(String text) {
        List<GoInit> inits = new ArrayList<>();
        double clock = 0;
        long bytes = 0;
        long allocs = 0;
        double last = 0;
        int n = 0;
        for (String line : (Iterable<String>) text.lines()::iterator) {
            if (++n > MAX_LINES) {
                break;
            }
            if (line.length() > MAX_LINE) {
                continue;
            }
            Matcher m = INIT.matcher(line.trim());
            if (!m.matches()) {
                continue;
            }
            try {
                GoInit g = new GoInit(m.group(1), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
                        Long.parseLong(m.group(4)), Long.parseLong(m.group(5)));
                inits.add(g);
                clock += g.clockMillis();
                bytes += g.bytes();
                allocs += g.allocs();
                last = Math.max(last, g.atMillis() + g.clockMillis());
            } catch (NumberFormatException e) {
                // a number too large for a long is not an inittrace line the runtime wrote
            }
        }
        return inits.isEmpty() ? Optional.empty() : Optional.of(new GoInitStats(inits, clock, bytes, allocs, last));
    }
}
