package dev.execray.report;

import dev.execray.exec.ld.DynamicLoaderStage;
import dev.execray.exec.ld.LoadOutcome;
import dev.execray.exec.ld.LoadResult;
import dev.execray.exec.ld.LoadedObject;
import dev.execray.exec.ld.LoaderMessage;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The human text of {@code execray ldd}: ldd's own lines, or a tree that says why each path was chosen. */
public final class LddText {
    private LddText() {
    }

    /**
     * One program's result: its name first when several are listed, then "not a dynamic executable", ldd's lines
     * or with {@code tree} the tree; a program that cannot be examined is said on {@code err}.
     */
    public static void result(String file, DynamicLoaderStage.Result r, boolean named, boolean tree, PrintWriter out,
            PrintWriter err) {
        if (named) {
            out.println(file + ":");
        }
        if (r instanceof DynamicLoaderStage.NotDynamic nd) {
            out.println("\t" + nd.message());
        } else if (r instanceof DynamicLoaderStage.Unloadable u) {
            err.println("execray: " + u.message());
        } else if (tree) {
            tree((DynamicLoaderStage.Loaded) r, out);
        } else {
            lines(((DynamicLoaderStage.Loaded) r).result(), out);
        }
    }

    /**
     * {@code --stats}: the programs by {@link DynamicLoaderStage#status}, the time since {@code startedNanos}, this
     * thread's CPU time, the files the session parsed and the peak heap of this JVM.
     */
    public static void stats(PrintWriter err, int files, Map<DynamicLoaderStage.Status, Integer> tally, long startedNanos,
            long parses) {
        long heap = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                heap += p.getPeakUsage().getUsed();
            }
        }
        long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        err.printf("execray ldd: %d files (%d start, %d fail, %d unreadable) in %.2f s (%.2f s CPU in this "
                        + "thread); %d files parsed; peak heap %d MB%n", files,
                tally.getOrDefault(DynamicLoaderStage.Status.STARTS, 0), tally.getOrDefault(DynamicLoaderStage.Status.FAILS, 0),
                tally.getOrDefault(DynamicLoaderStage.Status.UNREADABLE, 0), (System.nanoTime() - startedNanos) / 1e9,
                cpu / 1e9, parses, heap >> 20);
    }

    /**
     * What ldd prints, without load addresses: the loader's messages first (glibc's version check runs
     * before the listing), then one line per object in load order.
     */
    public static void lines(LoadResult r, PrintWriter out) {
        boolean musl = r.flavour() == LoadResult.Flavour.MUSL;
        if (!musl && r.program().object().map(o -> o.needed().isEmpty()).orElse(false)) {
            // rtld.c: a main map without DT_NEEDED is listed as one line, whatever else happens
            out.println(Escape.line("\tstatically linked"));
            return;
        }
        if (!musl) {
            for (LoaderMessage m : r.messages()) {
                if (isVersionMessage(m)) {
                    out.println(Escape.line(m.line()));
                }
            }
        }
        for (String line : lddLines(r)) {
            out.println(Escape.line("\t" + line));
        }
        if (musl) {
            for (LoaderMessage m : r.messages()) {
                out.println(Escape.line(m.line()));
            }
        }
    }

    /** One ldd line per listed object, without the tab and the address. */
    public static List<String> lddLines(LoadResult r) {
        List<String> out = new ArrayList<>();
        for (LoadedObject o : r.listing()) {
            switch (o.kind()) {
                case PROGRAM -> {
                }
                case NOT_FOUND -> out.add(o.name() + " => not found");
                default -> out.add(o.name().equals(o.path()) ? o.name() : o.name() + " => " + o.path());
            }
        }
        return out;
    }

    private static boolean isVersionMessage(LoaderMessage m) {
        return m.kind() == LoaderMessage.Kind.VERSION_MISSING || m.kind() == LoaderMessage.Kind.WEAK_VERSION_MISSING
                || m.kind() == LoaderMessage.Kind.NO_VERSION_INFORMATION;
    }

    /** The tree: each object's DT_NEEDED entries, where each was found and by which rule, then the verdict. */
    public static void tree(DynamicLoaderStage.Loaded loaded, PrintWriter out) {
        LoadResult r = loaded.result();
        LoadedObject program = r.program();
        DynamicLoaderStage.LoaderSetup s = loaded.setup();
        String loaderDesc = s.flavour() == LoadResult.Flavour.GLIBC
                ? "glibc" + s.probe().glibcVersion().map(v -> " " + v).orElse("") + " ld.so " + s.interpreter()
                : "musl" + s.probe().muslVersion().map(v -> " " + v).orElse("") + " loader " + s.interpreter();
        out.println(Escape.line(program.name() + "  (" + loaderDesc + ")"));
        TextTable t = new TextTable("");
        Set<LoadedObject> expanded = Collections.newSetFromMap(new IdentityHashMap<>());
        expanded.add(program);
        // breadth-first expansion decides which occurrence of an object shows its own dependencies, as the
        // loader's load order does; printing is depth-first under that choice
        walk(program, "", t, expanded);
        t.print(out);
        verdict(r, out);
        for (String n : s.notes()) {
            out.println(Escape.line("  note: " + n));
        }
        s.glibcFacts().flatMap(f -> f.version()).ifPresent(v -> r.newestGlibcInClosure()
                .filter(n -> n.version().compareTo(v) > 0)
                .ifPresent(n -> out.println(Escape.line("  this root has glibc " + v + "; " + n.requiredBy() + " needs "
                        + n.version()))));
    }

    private static void walk(LoadedObject o, String prefix, TextTable t, Set<LoadedObject> expanded) {
        List<LoadedObject.Dependency> deps = o.dependencies();
        for (int i = 0; i < deps.size(); i++) {
            LoadedObject.Dependency d = deps.get(i);
            boolean last = i == deps.size() - 1;
            String branch = prefix + (last ? "└── " : "├── ");
            String next = prefix + (last ? "    " : "│   ");
            LoadedObject.Resolution res = d.resolution();
            if (res instanceof LoadedObject.Loaded l) {
                LoadedObject lo = l.object();
                t.row(branch + d.needed(), lo.path(), why(lo));
                if (expanded.add(lo)) {
                    walk(lo, next, t, expanded);
                }
            } else if (res instanceof LoadedObject.AlreadyLoaded a) {
                LoadedObject lo = a.object();
                boolean firstShowing = lo.loader().map(x -> x == o).orElse(false) && expanded.add(lo);
                t.row(branch + d.needed(), lo.path(), lo.kind() == LoadedObject.Kind.INTERPRETER
                        ? "the loader itself" : "already loaded (by " + a.matchedBy() + ")");
                if (firstShowing) {
                    walk(lo, next, t, expanded);
                }
            } else if (res instanceof LoadedObject.NotFound nf) {
                t.row(branch + d.needed(), "not found", tried(nf.attempts()));
            } else if (res instanceof LoadedObject.Fatal f) {
                t.row(branch + d.needed(), "error", f.message());
            } else if (res instanceof LoadedObject.Skipped sk) {
                t.row(branch + d.needed(), "skipped", sk.reason());
            }
        }
    }

    private static String tried(List<LoadedObject.Attempt> attempts) {
        return attempts.isEmpty() ? "nothing to try" : "tried " + attempts.size() + " path"
                + (attempts.size() == 1 ? "" : "s");
    }

    static String why(LoadedObject lo) {
        if (lo.how().isEmpty()) {
            return "";
        }
        LoadedObject.Found f = lo.how().get();
        return switch (f.source()) {
            case RPATH, RUNPATH -> f.source().label() + " " + f.element() + f.owner().map(w -> " (of " + w + ")")
                    .orElse("");
            case LD_LIBRARY_PATH -> "LD_LIBRARY_PATH " + f.element();
            case LD_SO_CACHE -> "ld.so.cache";
            case DEFAULT_PATH -> "default path " + f.element();
            case MUSL_PATH_FILE -> "musl path file";
            case MUSL_DEFAULT_PATH -> "musl default path";
            case PATH_NAME -> "path in DT_NEEDED";
            case THE_LOADER -> "the loader itself";
            case PRELOAD -> "preload";
        };
    }

    /** The verdict line and what a real start prints. */
    public static void verdict(LoadResult r, PrintWriter out) {
        LoadOutcome o = r.outcome();
        if (o instanceof LoadOutcome.Starts) {
            out.println(Escape.line("✓ every library found" + (r.flavour() == LoadResult.Flavour.GLIBC
                    ? ", every version and symbol bound" : " and every symbol bound")));
        } else if (o instanceof LoadOutcome.FailsAtStart f) {
            out.println(Escape.line("✗ the loader stops the start (exit status " + f.exitStatus() + "):"));
            f.lines().forEach(l -> out.println(Escape.line("  " + l)));
        } else if (o instanceof LoadOutcome.FailsAtFirstCall f) {
            out.println(Escape.line("✗ starts, then dies at the first call of a function that has no definition:"));
            f.lines().forEach(l -> out.println(Escape.line("  " + l)));
        }
        for (LoaderMessage m : r.messages()) {
            if (!m.fatal()) {
                out.println(Escape.line("  warning: " + m.line()));
            }
        }
        r.newestGlibc().ifPresent(n -> out.println(Escape.line("  newest glibc needed: " + n.version()
                + n.symbol().map(sym -> " (" + sym + "@" + n.versionName() + ")").orElse(""))));
        for (String n : r.notes()) {
            out.println(Escape.line("  note: " + n));
        }
    }
}
