package dev.execray.golang;

import dev.execray.binary.ByteSource;
import dev.execray.binary.ExecutableImage;
import dev.execray.binary.ImageSegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The order in which the runtime runs package initialisation functions, read from the runtime's init tasks
 * in the data segments (no symbols needed):
 * <ul>
 * <li>Go 1.13–1.20 (runtime/proc.go {@code initTask}: state, ndeps, nfns words, then ndeps task pointers and
 *     nfns function PCs): runtime.main runs runtime's task, then main's, each depth-first, dependencies
 *     before the package's own functions, every task once;</li>
 * <li>Go 1.21+ ({@code initTask}: uint32 state, uint32 nfns, then nfns PCs): the linker sorts the tasks into
 *     arrays (go:runtime.inittasks, then the module's inittasks) that the runtime walks in order.</li>
 * </ul>
 * Tasks are recognised by their shape and by every PC being the entry of a "pkg.init" or "pkg.init.N"
 * function of the table. In position-independent ELF files the pointers are read from their R_*_RELATIVE
 * relocations; empty when they cannot be found at all.
 */
public final class InitOrder {
    private static final int MAX_FNS = 256;
    private static final int MAX_DEPS = 4096;

    private InitOrder() {
    }

    /** The runtime's order: Go 1.21+ task arrays if present, else the Go 1.13–1.20 task tree. */
    public static Optional<List<GoFunction>> read(ExecutableImage image, FunctionTable table) {
        Optional<List<GoFunction>> flat = read(image, table, true);
        return flat.isPresent() ? flat : read(image, table, false);
    }

    static Optional<List<GoFunction>> read(ExecutableImage image, FunctionTable table, boolean flatTasks) {
        Map<Long, GoFunction> inits = new HashMap<>();
        for (GoFunction f : table.initFunctions()) {
            inits.put(f.entry(), f);
        }
        if (inits.isEmpty()) {
            return Optional.empty();
        }
        ByteSource o = image.source().withOrder(image.byteOrder());
        int ps = image.pointerSize();
        RelativeRelocations rel = RelativeRelocations.of(image);
        return flatTasks ? flat(image, o, ps, inits, rel) : tree(image, o, ps, inits, rel);
    }

    private static long addr(ImageSegment seg, long off) {
        return seg.address() + (off - seg.fileOffset());
    }

    /** Go 1.21+: tasks {u32 state, u32 nfns, pcs...}, listed in arrays of task pointers. */
    private static Optional<List<GoFunction>> flat(ExecutableImage image, ByteSource o, int ps,
            Map<Long, GoFunction> inits, RelativeRelocations rel) {
        Map<Long, List<GoFunction>> tasks = new HashMap<>();
        // tasks change state at run time and the arrays hold pointers the loader may relocate: both live in
        // writable segments (ELF RW PT_LOAD incl. RELRO, Mach-O __DATA/__DATA_CONST, PE .data), never in text
        for (ImageSegment seg : image.loadSegments()) {
            if (!seg.writable()) {
                continue;
            }
            long end = seg.fileOffset() + seg.fileSize();
            for (long p = seg.fileOffset(); p + 8 + ps <= end && o.contains(p, 8 + ps); p += ps) {
                if (o.u32(p, "initTask") != 0) {
                    continue;
                }
                long n = o.u32(p + 4, "initTask nfns");
                if (n == 0 || n > MAX_FNS || p + 8 + n * ps > end) {
                    continue;
                }
                List<GoFunction> fns = new ArrayList<>();
                for (long k = 0; k < n; k++) {
                    long q = p + 8 + k * ps;
                    GoFunction f = inits.get(rel.word(o, q, addr(seg, q), ps));
                    if (f == null) {
                        fns = null;
                        break;
                    }
                    fns.add(f);
                }
                if (fns != null) {
                    tasks.put(addr(seg, p), fns);
                }
            }
        }
        if (tasks.isEmpty()) {
            return Optional.empty();
        }
        // arrays of task pointers: the runtime's comes first, then the module's
        List<List<Long>> runs = new ArrayList<>();
        for (ImageSegment seg : image.loadSegments()) {
            if (!seg.writable()) {
                continue;
            }
            long end = seg.fileOffset() + seg.fileSize();
            List<Long> run = new ArrayList<>();
            for (long p = seg.fileOffset(); p + ps <= end && o.contains(p, ps); p += ps) {
                long w = rel.word(o, p, addr(seg, p), ps);
                if (tasks.containsKey(w)) {
                    run.add(w);
                } else if (!run.isEmpty()) {
                    runs.add(run);
                    run = new ArrayList<>();
                }
            }
            if (!run.isEmpty()) {
                runs.add(run);
            }
        }
        if (runs.isEmpty()) {
            return Optional.empty();
        }
        runs.sort((a, b) -> Boolean.compare(!isRuntime(a, tasks), !isRuntime(b, tasks)));
        List<GoFunction> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (List<Long> run : runs) {
            for (long t : run) {
                if (seen.add(t)) {
                    out.addAll(tasks.get(t));
                }
            }
        }
        return Optional.of(List.copyOf(out));
    }

    private static boolean isRuntime(List<Long> run, Map<Long, List<GoFunction>> tasks) {
        return run.stream().anyMatch(t -> tasks.get(t).stream().anyMatch(f -> f.packagePath().equals("runtime")));
    }

    private record Task(List<Long> deps, List<GoFunction> fns) {
    }

    /** Go 1.13–1.20: a tree of tasks {state, ndeps, nfns, deps..., pcs...} walked from runtime's and main's. */
    private static Optional<List<GoFunction>> tree(ExecutableImage image, ByteSource o, int ps,
            Map<Long, GoFunction> inits, RelativeRelocations rel) {
        Map<Long, Task> tasks = new LinkedHashMap<>();
        for (ImageSegment seg : image.loadSegments()) {
            if (!seg.writable()) {
                continue;
            }
            long end = seg.fileOffset() + seg.fileSize();
            for (long p = seg.fileOffset(); p + 3L * ps <= end && o.contains(p, 3L * ps); p += ps) {
                if (o.word(p, ps, "initTask state") != 0) {
                    continue;
                }
                long nd = o.word(p + ps, ps, "initTask ndeps");
                long nf = o.word(p + 2L * ps, ps, "initTask nfns");
                if (nd < 0 || nd > MAX_DEPS || nf < 0 || nf > MAX_FNS || nd + nf == 0
                        || p + (3 + nd + nf) * ps > end) {
                    continue;
                }
                List<Long> deps = new ArrayList<>();
                for (long k = 0; k < nd; k++) {
                    long q = p + (3 + k) * ps;
                    deps.add(rel.word(o, q, addr(seg, q), ps));
                }
                List<GoFunction> fns = new ArrayList<>();
                boolean ok = true;
                for (long k = 0; k < nf && ok; k++) {
                    long q = p + (3 + nd + k) * ps;
                    GoFunction f = inits.get(rel.word(o, q, addr(seg, q), ps));
                    ok = f != null;
                    if (ok) {
                        fns.add(f);
                    }
                }
                if (ok) {
                    tasks.put(addr(seg, p), new Task(deps, fns));
                }
            }
        }
        // keep only tasks whose dependencies are tasks, until nothing changes (bounded by the count)
        boolean changed = true;
        for (int round = 0; changed && round < tasks.size() + 1; round++) {
            changed = tasks.values().removeIf(t -> !tasks.keySet().containsAll(t.deps()));
        }
        if (tasks.isEmpty()) {
            return Optional.empty();
        }
        Set<Long> referenced = new HashSet<>();
        tasks.values().forEach(t -> referenced.addAll(t.deps()));
        List<Long> roots = new ArrayList<>();
        for (Map.Entry<Long, Task> e : tasks.entrySet()) {
            if (!referenced.contains(e.getKey()) && !e.getValue().fns().isEmpty() || !referenced.contains(e.getKey())
                    && !e.getValue().deps().isEmpty()) {
                roots.add(e.getKey());
            }
        }
        // runtime.main: doInit(&runtime_inittask) first, then main..inittask
        roots.sort((a, b) -> Boolean.compare(!runtimeOnly(tasks.get(a)), !runtimeOnly(tasks.get(b))));
        List<GoFunction> out = new ArrayList<>();
        Set<Long> done = new HashSet<>();
        for (long r : roots) {
            visit(r, tasks, done, out, 0);
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(out));
    }

    private static boolean runtimeOnly(Task t) {
        return t.fns().stream().anyMatch(f -> f.packagePath().equals("runtime"));
    }

    private static void visit(long t, Map<Long, Task> tasks, Set<Long> done, List<GoFunction> out, int depth) {
        if (depth > MAX_DEPS || !done.add(t)) {
            return;
        }
        Task task = tasks.get(t);
        for (long d : task.deps()) {
            visit(d, tasks, done, out, depth + 1);
        }
        out.addAll(task.fns());
    }
}
