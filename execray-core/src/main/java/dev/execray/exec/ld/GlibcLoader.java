package dev.execray.exec.ld;

import dev.execray.binary.elf.ElfClass;
import dev.execray.exec.ld.LoadedObject.AlreadyLoaded;
import dev.execray.exec.ld.LoadedObject.Attempt;
import dev.execray.exec.ld.LoadedObject.Dependency;
import dev.execray.exec.ld.LoadedObject.Fatal;
import dev.execray.exec.ld.LoadedObject.Found;
import dev.execray.exec.ld.LoadedObject.Kind;
import dev.execray.exec.ld.LoadedObject.Loaded;
import dev.execray.exec.ld.LoadedObject.NotFound;
import dev.execray.exec.ld.LoadedObject.Resolution;
import dev.execray.exec.ld.LoadedObject.Skipped;
import dev.execray.exec.ld.LoadedObject.Source;
import dev.execray.rootfs.Errno;
import dev.execray.place.ldconfig.GlibcLoaderFacts;
import dev.execray.place.ldconfig.LdSoCache;
import dev.execray.place.ldconfig.LoaderFs;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * glibc's ld.so, step by step and without running anything ({@code elf/rtld.c} {@code dl_main},
 * {@code elf/dl-deps.c} {@code _dl_map_object_deps}, {@code elf/dl-load.c} {@code _dl_map_object}):
 * DT_NEEDED names resolved breadth-first in load order; for a name without a slash DT_RPATH of the loading
 * object and its loaders (only when the loading object has no DT_RUNPATH), LD_LIBRARY_PATH, the loading
 * object's own DT_RUNPATH, ld.so.cache, then the default directories, each directory with its hwcaps
 * subdirectories; objects already loaded matched by name or SONAME or file identity; candidates of the
 * wrong class or machine skipped; anything else wrong with a candidate fatal. Then the version check
 * ({@code elf/dl-version.c}) and symbol binding ({@code elf/dl-lookup.c}) of a real start.
 *
 * <p>The whole list is always computed, as {@code ldd} does; the outcome of a real start is the first
 * failure in the same order, which is where the real loader stops.
 */
public final class GlibcLoader {
    /** The errors ld.so's own minimal strerror has a text for; any other prints as "Error N". */
    private static final Set<Errno> RTLD_STRERROR = EnumSet.of(Errno.ENOENT, Errno.EACCES, Errno.ENOMEM, Errno.EINVAL,
            Errno.EPERM, Errno.EIO);

    private final LoaderSession session;
    private final GlibcLoaderFacts facts;
    private final Optional<LdSoCache> cache;
    private final LoaderSettings settings;
    private final List<String> rootPreload;

    // state of one load
    private final List<LoadedObject> known = new ArrayList<>();
    private final List<LoadedObject> byLoadOrder = new ArrayList<>();
    private final Map<String, LoadedObject> byName = new HashMap<>();
    private final Map<String, LoadedObject> bySoname = new HashMap<>();
    private final java.util.Set<LoadedObject> inKnown = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, LoadedObject> byIdentity = new HashMap<>();
    private final Map<LoadedObject, List<SearchDir>> rpaths = new IdentityHashMap<>();
    /** For each object, the nearest object up its loader chain (itself included) with a DT_RPATH in use. */
    private final Map<LoadedObject, LoadedObject> nearestRpath = new IdentityHashMap<>();
    private final List<LoaderMessage> messages = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private LoadedObject main;
    private LoadedObject rtld;
    private boolean rtldListed;
    private Optional<String> mainOrigin = Optional.empty();
    private List<SearchDir> ldLibraryPath = List.of();
    private LoaderMessage stop;
    private int nextId;

    /**
     * @param cache       the root's ld.so.cache as ld.so would use it; empty when it is missing or ignored
     * @param rootPreload the names in the root's /etc/ld.so.preload
     */
    public GlibcLoader(LoaderSession session, GlibcLoaderFacts facts, Optional<LdSoCache> cache,
                       LoaderSettings settings, List<String> rootPreload) {
        this.session = session;
        this.facts = facts;
        this.cache = cache;
        this.settings = settings;
        this.rootPreload = List.copyOf(rootPreload);
    }

    /**
     * Loads {@code program} (its path as invoked, the file it reached, its parsed view).
     *
     * @param interpreterObject the root's interpreter file parsed, if it could be read
     */
    public LoadResult load(String invokedAs, LoaderFs.Found programFile, DynamicObject program,
                           Optional<LoaderFs.Found> interpreterFile, Optional<DynamicObject> interpreterObject) {
        String invoked = invokedAs;
        main = new LoadedObject(nextId++, Kind.PROGRAM, invoked, invoked, Optional.of(programFile.canonical()),
                Optional.of(program), Optional.empty(), Optional.empty(), Optional.of(programFile.identity()));
        byIdentity.put(programFile.identity(), main);
        register(main);
        known.add(main);
        inKnown.add(main);
        mainOrigin = settings.explicitLoaderInvocation()
                ? Optional.of(originOf(settings.absolute(invoked)))
                : Optional.of(originOf(programFile.canonical()));

        String interp = program.interpreter().orElse(facts.interpreter());
        rtld = new LoadedObject(nextId++, Kind.INTERPRETER, interp, interp,
                interpreterFile.map(LoaderFs.Found::canonical), interpreterObject, Optional.empty(),
                Optional.of(new Found(Source.THE_LOADER, interp, Optional.empty(), List.of())),
                interpreterFile.map(LoaderFs.Found::identity));
        interpreterObject.flatMap(DynamicObject::soname).ifPresent(rtld::addName);
        interpreterFile.ifPresent(f -> byIdentity.put(f.identity(), rtld));
        register(rtld);

        if (!settings.secure() && settings.ldLibraryPath().isPresent()) {
            ldLibraryPath = splitPath(settings.ldLibraryPath().get(), ":;", Source.LD_LIBRARY_PATH, Optional.empty(),
                    main, true);
        } else if (settings.secure() && settings.ldLibraryPath().isPresent()) {
            notes.add("LD_LIBRARY_PATH is ignored: the exec is secure (AT_SECURE)");
        }

        preload(settings.preload(), "LD_PRELOAD");
        preload(rootPreload, "/etc/ld.so.preload");

        for (int i = 0; i < known.size() && stop == null; i++) {
            LoadedObject l = known.get(i);
            if (l.isNotFound() || l.object().isEmpty()) {
                continue;
            }
            for (String needed : l.object().get().needed()) {
                if (stop != null) {
                    break;
                }
                resolveNeeded(l, needed);
            }
        }

        List<LoadedObject> listing = listing();
        LoadOutcome outcome;
        LoaderMessage firstLoadFailure = messages.stream()
                .filter(m -> m.fatal() && (m.kind() == LoaderMessage.Kind.NOT_FOUND
                        || m.kind() == LoaderMessage.Kind.LOAD_ERROR))
                .findFirst().orElse(null);
        if (stop == null) {
            // as in list mode (ldd, ldd -r), versions are checked and symbols bound even when a library is
            // missing; a real start ends at the first failure in that order
            LoadOutcome bound = new GlibcBinding(session, facts, settings, listing, main, rtld, messages).check();
            outcome = firstLoadFailure != null ? new LoadOutcome.FailsAtStart(127, List.of(firstLoadFailure.line()))
                    : bound;
        } else {
            outcome = new LoadOutcome.FailsAtStart(127, List.of(firstLoadFailure.line()));
        }
        return new LoadResult(LoadResult.Flavour.GLIBC, interp, listing, messages, outcome,
                NewestGlibc.of(session, main), NewestGlibc.ofClosure(session, listing), notes);
    }

    /** ldd's order: the program, the vDSO, then the breadth-first list with the interpreter where first needed. */
    private List<LoadedObject> listing() {
        LoadedObject vdso = new LoadedObject(-1, Kind.VDSO, facts.arch().vdsoName(), facts.arch().vdsoName(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        List<LoadedObject> out = new ArrayList<>();
        out.add(main);
        out.add(vdso);
        LoadedObject rtldPrev = null;
        LoadedObject lastReal = main;
        for (int i = 1; i < known.size(); i++) {
            LoadedObject o = known.get(i);
            if (o == rtld) {
                rtldPrev = lastReal;
                continue;
            }
            out.add(o);
            if (!o.isNotFound()) {
                lastReal = o;
            }
        }
        if (rtldPrev != null) {
            // rtld.c puts the interpreter back into the chain right after the object before it in the
            // search list, which holds no placeholders for names not found
            out.add(rtldPrev == main ? 1 : out.indexOf(rtldPrev) + 1, rtld);
        }
        return out;
    }

    private void preload(List<String> names, String from) {
        for (String name : names) {
            if (name.isEmpty() || stop != null) {
                continue;
            }
            String why = null;
            if (settings.secure() && name.contains("/")) {
                why = "cannot open shared object file";
            } else {
                int before = messages.size();
                Resolution r = mapObject(main, name, true);
                if (r instanceof NotFound nf) {
                    // a preload that cannot be loaded is reported and ignored, never listed
                    known.remove(nf.placeholder());
                    inKnown.remove(nf.placeholder());
                    byLoadOrder.remove(nf.placeholder());
                    why = "cannot open shared object file";
                } else if (r instanceof Fatal f) {
                    stop = null;
                    why = f.message().substring(f.message().indexOf(": ") + 2);
                }
                if (why != null) {
                    while (messages.size() > before) {
                        messages.remove(messages.size() - 1);
                    }
                }
            }
            if (why != null) {
                messages.add(new LoaderMessage(LoaderMessage.Kind.PRELOAD_IGNORED, false,
                        "ERROR: ld.so: object '" + name + "' from " + from + " cannot be preloaded (" + why
                                + "): ignored.", Optional.of(name), Optional.empty()));
            }
        }
    }

    private void resolveNeeded(LoadedObject l, String needed) {
        String name = needed;
        if (DynamicStringTokens.glibcCount(needed) > 0) {
            if (settings.secure()) {
                fail(l, needed, needed + ": DST not allowed in SUID/SGID programs", List.of());
                return;
            }
            DynamicStringTokens.Expansion e = DynamicStringTokens.glibc(needed, tokens(l), facts.systemDirs());
            if (e instanceof DynamicStringTokens.Dropped d) {
                l.addDependency(new Dependency(needed, needed, new Skipped(d.reason())));
                messages.add(new LoaderMessage(LoaderMessage.Kind.NEEDED_SKIPPED, false,
                        "cannot load `" + needed + "' because of empty dynamic string token substitution",
                        Optional.of(l.path()), Optional.of(needed)));
                return;
            }
            name = ((DynamicStringTokens.Expanded) e).value();
        }
        Resolution r = mapObject(l, name, false);
        l.addDependency(new Dependency(needed, name, r));
    }

    /** {@code _dl_map_object}: an object already loaded, or a search, or a direct open for a name with '/'. */
    private Resolution mapObject(LoadedObject loader, String name, boolean isPreload) {
        LoadedObject existing = findLoaded(name);
        if (existing != null) {
            appendKnown(existing);
            return new AlreadyLoaded(existing, matchedBy);
        }
        Search s = new Search(name);
        if (!name.contains("/")) {
            s.run(loader, isPreload);
        } else {
            s.direct(loader);
        }
        if (s.fatal != null) {
            fail(loader, name, s.fatal, s.attempts);
            return new Fatal(s.fatal, s.attempts);
        }
        if (s.opened == null) {
            String msg;
            if (s.otherClass) {
                msg = name + ": wrong ELF class: " + (facts.arch().elfClass() == ElfClass.ELF32.value()
                        ? "ELFCLASS64" : "ELFCLASS32");
            } else {
                msg = name + ": cannot open shared object file: " + strerror(s.errno);
            }
            LoadedObject placeholder = new LoadedObject(nextId++, Kind.NOT_FOUND, name, name, Optional.empty(),
                    Optional.empty(), Optional.of(loader), Optional.empty(), Optional.empty());
            known.add(placeholder);
            inKnown.add(placeholder);
            byLoadOrder.add(placeholder);
            String line = progname() + ": error while loading shared libraries: " + msg;
            messages.add(new LoaderMessage(LoaderMessage.Kind.NOT_FOUND, true, line, Optional.of(loader.path()),
                    Optional.of(name)));
            return new NotFound(placeholder, line, s.attempts);
        }
        LoaderFs.Found file = s.opened.file();
        LoadedObject same = byIdentity.get(file.identity());
        if (same != null) {
            same.addName(name);
            byName.putIfAbsent(name, same);
            appendKnown(same);
            return new AlreadyLoaded(same, "same file (" + s.realname + ")");
        }
        Optional<DynamicObject> obj = s.opened.object();
        if (obj.isEmpty()) {
            String msg = s.realname + ": " + s.opened.parseError().orElse("cannot read file data");
            fail(loader, name, msg, s.attempts);
            return new Fatal(msg, s.attempts);
        }
        String problem = mappingProblem(obj.get(), file);
        if (problem != null) {
            String msg = s.realname + ": " + problem;
            fail(loader, name, msg, s.attempts);
            return new Fatal(msg, s.attempts);
        }
        LoadedObject lo = new LoadedObject(nextId++, isPreload ? Kind.PRELOAD : Kind.LIBRARY, name, s.realname,
                Optional.of(file.canonical()), obj, Optional.of(loader),
                Optional.of(new Found(s.source, s.element, s.owner, s.attempts)), Optional.of(file.identity()));
        byIdentity.put(file.identity(), lo);
        nearestWithRpath(lo);
        register(lo);
        known.add(lo);
        inKnown.add(lo);
        return new Loaded(lo);
    }

    /** Checks {@code _dl_map_object_from_fd} makes after open_verify, with its messages. */
    private String mappingProblem(DynamicObject o, LoaderFs.Found file) {
        ElfIdentity id = o.identity();
        if (!id.isDyn()) {
            return "cannot dynamically load executable";
        }
        if (!o.isDynamic()) {
            return "object file has no dynamic section";
        }
        if ((o.flags1() & 0x08000000L) != 0) {
            return "cannot dynamically load position-independent executable";
        }
        return null;
    }

    private void appendKnown(LoadedObject o) {
        if (inKnown.add(o)) {
            known.add(o);
        }
    }

    private void register(LoadedObject l) {
        byLoadOrder.add(l);
        for (String n : l.names()) {
            byName.putIfAbsent(n, l);
        }
        byName.putIfAbsent(l.path(), l);
        l.object().flatMap(DynamicObject::soname).ifPresent(sn -> bySoname.putIfAbsent(sn, l));
    }

    private String matchedBy = "";

    /**
     * The first object in load order (never a placeholder) that answers to {@code name}: a name it was
     * requested as, its path, or its SONAME, which is then added to its names as ld.so does.
     */
    private LoadedObject findLoaded(String name) {
        LoadedObject byN = byName.get(name);
        LoadedObject byS = bySoname.get(name);
        if (byN == null && byS == null) {
            return null;
        }
        if (byS != null && (byN == null || byS.id() < byN.id())) {
            byS.addName(name);
            byName.putIfAbsent(name, byS);
            matchedBy = "SONAME";
            return byS;
        }
        matchedBy = byN.path().equals(name) ? "path" : "name";
        return byN;
    }

    private void fail(LoadedObject loader, String name, String msg, List<Attempt> attempts) {
        String line = progname() + ": error while loading shared libraries: " + msg;
        LoaderMessage m = new LoaderMessage(LoaderMessage.Kind.LOAD_ERROR, true, line, Optional.of(loader.path()),
                Optional.of(name));
        messages.add(m);
        stop = m;
    }

    private String progname() {
        return settings.argv0().orElse(main.name());
    }

    private static String strerror(Errno errno) {
        return RTLD_STRERROR.contains(errno) ? errno.strerror() : "Error " + errno.number();
    }

    private DynamicStringTokens.Values tokens(LoadedObject l) {
        Optional<String> origin = l == main ? mainOrigin : Optional.of(originOf(settings.absolute(l.path())));
        return new DynamicStringTokens.Values(origin, facts.dstLib(), facts.cpu().platform(), settings.secure(),
                l == main);
    }

    /** The directory part of a path as dl-object.c computes l_origin: everything before the last '/'. */
    static String originOf(String absolutePath) {
        int slash = absolutePath.lastIndexOf('/');
        return slash <= 0 ? "/" : absolutePath.substring(0, slash);
    }

    /** One directory of a search list: {@code dir} ends in '/', or is empty for the working directory. */
    record SearchDir(String dir, Source source, String element, Optional<String> owner) {
    }

    /** {@code fillin_rpath}: split, expand tokens, drop empty results, normalise trailing slashes, dedupe. */
    private List<SearchDir> splitPath(String path, String separators, Source source, Optional<String> owner,
                                      LoadedObject forTokens, boolean keepEmptyAsCwd) {
        List<SearchDir> out = new ArrayList<>();
        int i = 0;
        while (i <= path.length()) {
            int j = i;
            while (j < path.length() && separators.indexOf(path.charAt(j)) < 0) {
                j++;
            }
            String element = path.substring(i, j);
            i = j + 1;
            String dir;
            if (element.isEmpty()) {
                dir = "";
            } else {
                DynamicStringTokens.Expansion e = DynamicStringTokens.glibc(element, tokens(forTokens),
                        facts.systemDirs());
                if (e instanceof DynamicStringTokens.Dropped) {
                    continue;
                }
                dir = ((DynamicStringTokens.Expanded) e).value();
                if (dir.isEmpty()) {
                    continue;
                }
                int len = dir.length();
                while (len > 1 && dir.charAt(len - 1) == '/') {
                    len--;
                }
                dir = dir.substring(0, len);
                if (!dir.endsWith("/")) {
                    dir = dir + "/";
                }
            }
            final String d = dir;
            if (out.stream().noneMatch(x -> x.dir().equals(d))) {
                out.add(new SearchDir(dir, source, element, owner));
            }
        }
        return out;
    }

    /** DT_RPATH of an object as ld.so uses it: none if it has DT_RUNPATH, ignored if empty. */
    private List<SearchDir> rpathOf(LoadedObject l) {
        List<SearchDir> r = rpaths.get(l);
        if (r == null) {
            Optional<DynamicObject> o = l.object();
            if (o.isEmpty() || o.get().runpath().isPresent() || o.get().rpath().isEmpty()
                    || o.get().rpath().get().isEmpty()) {
                r = List.of();
            } else {
                r = splitPath(o.get().rpath().get(), ":", Source.RPATH, Optional.of(l.path()), l, true);
            }
            rpaths.put(l, r);
        }
        return r;
    }

    private LoadedObject nearestWithRpath(LoadedObject l) {
        if (nearestRpath.containsKey(l)) {
            return nearestRpath.get(l);
        }
        // loaders are created before what they load, so at most one step up is not yet known
        LoadedObject n = !rpathOf(l).isEmpty() ? l : l.loader().map(this::nearestWithRpath).orElse(null);
        nearestRpath.put(l, n);
        return n;
    }

    private List<SearchDir> runpathOf(LoadedObject l) {
        Optional<DynamicObject> o = l.object();
        if (o.isEmpty() || o.get().runpath().isEmpty() || o.get().runpath().get().isEmpty()) {
            return List.of();
        }
        return splitPath(o.get().runpath().get(), ":", Source.RUNPATH, Optional.of(l.path()), l, true);
    }

    /** One search for one name, recording every candidate tried. */
    private final class Search {
        final String name;
        final List<Attempt> attempts = new ArrayList<>();
        boolean otherClass;
        Errno errno = Errno.ENOENT;
        String fatal;
        LoaderSession.OpenedFile opened;
        String realname;
        Source source;
        String element;
        Optional<String> owner = Optional.empty();

        Search(String name) {
            this.name = name;
        }

        void run(LoadedObject loader, boolean isPreload) {
            boolean secureLoad = isPreload && settings.secure();
            Optional<DynamicObject> lo = loader.object();
            if (lo.isEmpty() || lo.get().runpath().isEmpty()) {
                // the chain is walked through objects that have an RPATH only: deep chains stay linear
                for (LoadedObject l = nearestWithRpath(loader); l != null;
                     l = l.loader().map(GlibcLoader.this::nearestWithRpath).orElse(null)) {
                    List<SearchDir> dirs = rpathOf(l);
                    if (openPath(dirs, secureLoad)) {
                        return;
                    }
                    if (fatal != null) {
                        return;
                    }
                }
            }
            if (!ldLibraryPath.isEmpty() && openPath(ldLibraryPath, secureLoad)) {
                return;
            }
            if (fatal != null) {
                return;
            }
            List<SearchDir> runpath = runpathOf(loader);
            if (!runpath.isEmpty() && openPath(runpath, secureLoad)) {
                return;
            }
            if (fatal != null) {
                return;
            }
            boolean nodeflib = lo.map(DynamicObject::noDefaultLib).orElse(false);
            if (!secureLoad && cache.isPresent()) {
                Optional<LdSoCache.Hit> hit = cache.get().lookup(name, facts.cacheQuery());
                if (hit.isPresent()) {
                    String cached = hit.get().path();
                    if (nodeflib && facts.systemDirs().stream().anyMatch(cached::startsWith)) {
                        attempts.add(new Attempt(cached, "ld.so.cache entry in a default directory, refused: "
                                + loader.path() + " is linked with -z nodefaultlib"));
                    } else if (tryFile(cached, cached, secureLoad)) {
                        source = Source.LD_SO_CACHE;
                        element = hit.get().reason();
                        return;
                    } else if (fatal != null) {
                        return;
                    }
                }
            }
            if (!nodeflib) {
                List<SearchDir> defaults = new ArrayList<>();
                for (String d : facts.systemDirs()) {
                    defaults.add(new SearchDir(d, Source.DEFAULT_PATH, d, Optional.empty()));
                }
                openPath(defaults, secureLoad);
            }
        }

        void direct(LoadedObject loader) {
            String path = name;
            if (tryFile(path, settings.absolute(path), false)) {
                source = Source.PATH_NAME;
                element = name;
            } else if (fatal == null && !attempts.isEmpty()) {
                errno = lastErrnoOrEnoent();
            }
        }

        private Errno lastErrnoOrEnoent() {
            return errno;
        }

        /** {@code open_path}: each directory, each hwcaps subdirectory; true when found. */
        boolean openPath(List<SearchDir> dirs, boolean secureLoad) {
            for (SearchDir d : dirs) {
                boolean hereAny = false;
                Errno lastErr = Errno.ENOENT;
                for (String sub : facts.subdirectories()) {
                    String dirWithSub = d.dir() + sub;
                    boolean relative = !d.dir().startsWith("/");
                    if (!relative && !dirWithSub.isEmpty() && knownMissing(dirWithSub)) {
                        continue;
                    }
                    String candidate = dirWithSub + name;
                    if (tryFile(candidate, settings.absolute(candidate), secureLoad)) {
                        source = d.source();
                        element = d.element() + (sub.isEmpty() ? "" : " (" + sub.substring(0, sub.length() - 1) + ")");
                        owner = d.owner();
                        return true;
                    }
                    if (fatal != null) {
                        return false;
                    }
                    lastErr = errno;
                    boolean exists = relative || session.isDirectory(settings.absolute(dirWithSub));
                    hereAny |= exists;
                }
                if (hereAny && lastErr != Errno.ENOENT && lastErr != Errno.EACCES) {
                    // the file exists but cannot be used: open_path gives up on this list
                    return false;
                }
            }
            return false;
        }

        private boolean knownMissing(String dirWithSub) {
            return !session.isDirectory(settings.absolute(dirWithSub));
        }

        /** {@code open_verify} on one candidate; true if usable. */
        boolean tryFile(String shown, String absolute, boolean secureLoad) {
            LoaderFs.Lookup l = session.lookup(absolute);
            if (l instanceof LoaderFs.Missing m) {
                errno = m.errno();
                attempts.add(new Attempt(shown, m.errno() == Errno.ENOENT ? "not there" : m.why()));
                return false;
            }
            LoaderFs.Found f = (LoaderFs.Found) l;
            if (f.isDirectory()) {
                attempts.add(new Attempt(shown, "a directory"));
                fatal = shown + ": cannot read file data: Error 21";
                return false;
            }
            if (!f.isRegular()) {
                attempts.add(new Attempt(shown, "not a regular file"));
                fatal = shown + ": file too short";
                return false;
            }
            LoaderSession.OpenedFile o = session.open(f);
            Optional<byte[]> head = o.head();
            if (head.isEmpty()) {
                attempts.add(new Attempt(shown, "cannot be read: " + o.readError().orElse("?")));
                errno = Errno.EACCES;
                return false;
            }
            HeaderCheck.Verdict v = HeaderCheck.glibc(head.get(), o.size(), facts.arch());
            if (v instanceof HeaderCheck.WrongClass wc) {
                otherClass = true;
                errno = Errno.ENOENT;
                attempts.add(new Attempt(shown, "wrong ELF class (" + (wc.elfClass() == 2 ? "64" : "32") + "-bit), skipped"));
                return false;
            }
            if (v instanceof HeaderCheck.WrongMachine wm) {
                errno = Errno.ENOENT;
                attempts.add(new Attempt(shown, "wrong machine (e_machine " + wm.machine() + "), skipped"));
                return false;
            }
            if (v instanceof HeaderCheck.Fatal fa) {
                attempts.add(new Attempt(shown, fa.message()));
                fatal = shown + ": " + fa.message();
                return false;
            }
            if (secureLoad && (f.mode() & 04000) == 0) {
                errno = Errno.ENOENT;
                attempts.add(new Attempt(shown, "not set-user-ID, refused for a preload in secure mode"));
                return false;
            }
            attempts.add(new Attempt(shown, "found"));
            opened = o;
            realname = shown;
            return true;
        }
    }
}
