package dev.execray.exec.ld;

import dev.execray.binary.BinaryFormatException;
import dev.execray.place.Arch;
import dev.execray.place.HostFacts;
import dev.execray.place.ldconfig.CpuModel;
import dev.execray.place.ldconfig.GlibcLoaderFacts;
import dev.execray.place.ldconfig.InterpreterProbe;
import dev.execray.place.ldconfig.LdSoCache;
import dev.execray.place.ldconfig.LdSoConf;
import dev.execray.binary.elf.ElfField;
import dev.execray.place.ldconfig.LoaderArch;
import dev.execray.place.ldconfig.LoaderFs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The dynamic-loader stage of the exec path for one root: picks the loader from the program's PT_INTERP
 * and what the root holds there (glibc's ld.so or musl's), reads that loader's configuration from the root
 * once (its compiled-in facts, ld.so.cache, /etc/ld.so.preload, musl's path file) and runs it. One stage
 * serves any number of programs; every library is parsed once.
 */
public final class DynamicLoaderStage {
    private final LoaderSession session;
    private final Function<LoaderArch, CpuModel> cpu;
    private final Map<String, Glibc> glibc = new HashMap<>();
    private final Map<String, InterpreterProbe> probes = new HashMap<>();

    /** What the stage found for one program. */
    public sealed interface Result permits Loaded, NotDynamic, Unloadable {
    }

    /** The loader ran. */
    public record Loaded(LoadResult result, LoaderSetup setup) implements Result {
    }

    /**
     * No loader is involved: {@code message} is ldd's line, "not a dynamic executable", for a file without a
     * dynamic section. (A file with one but without DT_NEEDED is still loaded and bound; ldd lists it as
     * "statically linked".)
     */
    public record NotDynamic(String message) implements Result {
    }

    /** The program cannot be examined (missing, not ELF, an architecture no loader here knows). */
    public record Unloadable(String message) implements Result {
    }

    /** Which loader was used and what it was configured with, for explanations. */
    public record LoaderSetup(LoadResult.Flavour flavour, LoaderArch arch, String interpreter,
                              InterpreterProbe probe, Optional<GlibcLoaderFacts> glibcFacts,
                              Optional<String> cacheProblem, List<String> notes) {
    }

    private record Glibc(GlibcLoaderFacts facts, Optional<LdSoCache> cache, Optional<String> cacheProblem,
                         List<String> preload, LdSoConf conf) {
    }

    /**
     * @param cpu the CPU model per architecture (glibc-hwcaps subdirectories, $PLATFORM); use
     *            {@link CpuModel#host} for this machine
     */
    public DynamicLoaderStage(LoaderSession session, Function<LoaderArch, CpuModel> cpu) {
        this.session = session;
        this.cpu = cpu;
    }

    /**
     * A stage over {@code fs} whose CPU (glibc-hwcaps, $PLATFORM) is this machine's when the files are for its
     * architecture and otherwise one without optional features; {@code cpu} "host" or "baseline" forces either.
     */
    public static DynamicLoaderStage forCpu(LoaderFs fs, Optional<String> cpu) {
        Optional<Arch> hostArch = HostFacts.arch();
        boolean baseline = cpu.map(c -> c.equals("baseline")).orElse(false);
        boolean forceHost = cpu.map(c -> c.equals("host")).orElse(false);
        return new DynamicLoaderStage(new LoaderSession(fs, ElfObjects.reader()), a -> {
            boolean sameMachine = hostArch.map(h -> h.elfMachine() == a.machine()).orElse(false);
            return !baseline && (forceHost || sameMachine) ? CpuModel.host(a) : CpuModel.baseline(a);
        });
    }

    /** Whether {@code r} is a start (a program that is not dynamic starts without a loader), a failure, or unreadable. */
    public static Status status(Result r) {
        if (r instanceof Unloadable) {
            return Status.UNREADABLE;
        }
        if (r instanceof Loaded l && !(l.result().outcome() instanceof LoadOutcome.Starts)) {
            return Status.FAILS;
        }
        return Status.STARTS;
    }

    /** {@link #status}'s answers, in the order of their gravity. */
    public enum Status { STARTS, FAILS, UNREADABLE }

    public LoaderSession session() {
        return session;
    }

    public Result run(String program, LoaderSettings settings) {
        String abs = settings.absolute(program);
        LoaderFs.Lookup l = session.lookup(abs);
        if (l instanceof LoaderFs.Missing m) {
            // the one wording of an unreadable input (report.InputError's): the errno's text
            return new Unloadable(program + ": " + m.errno().goText());
        }
        LoaderFs.Found file = (LoaderFs.Found) l;
        if (!file.isRegular()) {
            return new Unloadable(program + ": not a regular file");
        }
        LoaderSession.OpenedFile opened = session.open(file);
        if (opened.head().isEmpty()) {
            return new Unloadable(program + ": cannot be read: " + opened.readError().orElse("?"));
        }
        byte[] head = opened.head().get();
        if (!ElfField.hasMagic(head)) {
            return new Unloadable(program + ": not an ELF file");
        }
        Optional<DynamicObject> obj = opened.object();
        if (obj.isEmpty()) {
            return new Unloadable(program + ": " + opened.parseError().orElse("unreadable ELF file"));
        }
        DynamicObject o = obj.get();
        ElfIdentity id = o.identity();
        Optional<LoaderArch> arch = LoaderArch.of(id.elfClass(), id.order(), id.machine(), id.eFlags());
        if (!o.isDynamic()) {
            return new NotDynamic("not a dynamic executable");
        }
        if (arch.isEmpty()) {
            return new Unloadable(program + ": no Linux dynamic loader is modelled for e_machine " + id.machine()
                    + " (" + id.className() + ")");
        }
        LoaderArch a = arch.get();
        String interp = o.interpreter().orElse(a.glibcInterpreter());
        InterpreterProbe probe = probes.computeIfAbsent(interp, i -> InterpreterProbe.read(session.fs(), i));
        boolean musl = probe.flavour() == InterpreterProbe.Flavour.MUSL
                || (probe.flavour() != InterpreterProbe.Flavour.GLIBC
                && interp.substring(interp.lastIndexOf('/') + 1).startsWith("ld-musl-"));
        List<String> notes = new ArrayList<>();
        if (probe.flavour() == InterpreterProbe.Flavour.MISSING) {
            notes.add(probe.problem().orElse(interp + " is missing") + "; modelled with "
                    + (musl ? "musl" : "glibc") + "'s defaults");
        }
        Optional<LoaderFs.Found> interpFile = session.lookup(interp) instanceof LoaderFs.Found f && f.isRegular()
                ? Optional.of(f) : Optional.empty();
        Optional<DynamicObject> interpObj = interpFile.flatMap(f -> session.open(f).object());
        if (musl) {
            MuslLoader loader = new MuslLoader(session, a, settings, probe.muslVersion());
            LoadResult r = loader.load(program, file, o, interpFile, interpObj);
            return new Loaded(r, new LoaderSetup(LoadResult.Flavour.MUSL, a, interp, probe, Optional.empty(),
                    Optional.empty(), notes));
        }
        Glibc g = glibc.computeIfAbsent(a.name() + "|" + interp, k -> glibcSetup(a, interp, probe));
        GlibcLoader loader = new GlibcLoader(session, g.facts(), g.cache(), settings, g.preload());
        LoadResult r = loader.load(program, file, o, interpFile, interpObj);
        g.cacheProblem().ifPresent(p -> notes.add("ld.so.cache not used: " + p));
        notes.addAll(staleCache(r, g));
        return new Loaded(r, new LoaderSetup(LoadResult.Flavour.GLIBC, a, interp, probe, Optional.of(g.facts()),
                g.cacheProblem(), notes));
    }

    private Glibc glibcSetup(LoaderArch arch, String interp, InterpreterProbe probe) {
        GlibcLoaderFacts facts = GlibcLoaderFacts.of(arch, interp, probe, cpu.apply(arch));
        Optional<LdSoCache> cache = Optional.empty();
        Optional<String> problem = Optional.empty();
        LoaderFs.Lookup c = session.lookup(facts.cachePath());
        if (c instanceof LoaderFs.Found f && f.isRegular()) {
            try {
                cache = Optional.of(LdSoCache.parse(session.fs().open(f), arch.order(), arch.combinedCacheAlignment()));
            } catch (BinaryFormatException e) {
                problem = Optional.of(facts.cachePath() + ": " + e.getMessage());
            } catch (IOException e) {
                problem = Optional.of(facts.cachePath() + ": cannot be read: " + e.getMessage());
            }
        } else {
            problem = Optional.of(facts.cachePath() + " is not in the root");
        }
        return new Glibc(facts, cache, problem, readPreload(), LdSoConf.read(session.fs(), "/etc/ld.so.conf"));
    }

    /**
     * ld.so never reads ld.so.conf; ldconfig turns it into ld.so.cache. A missing library that sits in a
     * directory ld.so.conf lists means the cache was not rebuilt after it was installed.
     */
    private List<String> staleCache(LoadResult r, Glibc g) {
        List<String> out = new ArrayList<>();
        for (LoadedObject o : r.listing()) {
            if (!o.isNotFound() || o.name().contains("/")) {
                continue;
            }
            for (LdSoConf.Directory d : g.conf().directories()) {
                if (session.lookup(d.path() + "/" + o.name()) instanceof LoaderFs.Found f && f.isRegular()) {
                    String line = o.name() + " is in " + d.path() + " (listed in " + d.file() + " line " + d.line()
                            + ") but not in " + g.facts().cachePath() + ": run ldconfig"
                            + (session.fs().describe().equals("/") ? "" : " -r " + session.fs().describe());
                    if (!out.contains(line)) {
                        out.add(line);
                    }
                    break;
                }
            }
        }
        return out;
    }

    /** /etc/ld.so.preload: names separated by blanks, colons or newlines ({@code rtld.c}). */
    private List<String> readPreload() {
        LoaderFs.Lookup l = session.lookup("/etc/ld.so.preload");
        if (!(l instanceof LoaderFs.Found f) || !f.isRegular()) {
            return List.of();
        }
        try {
            var b = session.fs().open(f);
            String text = new String(b.bytes(0, (int) Math.min(b.size(), 1 << 16), "ld.so.preload"),
                    StandardCharsets.UTF_8);
            List<String> out = new ArrayList<>();
            for (String s : text.split("[ \t\n:]+")) {
                if (!s.isEmpty()) {
                    out.add(s);
                }
            }
            return out;
        } catch (IOException | BinaryFormatException e) {
            // an unreadable /etc/ld.so.preload is skipped by ld.so too (it only warns when a listed object is missing)
            return List.of();
        }
    }
}
