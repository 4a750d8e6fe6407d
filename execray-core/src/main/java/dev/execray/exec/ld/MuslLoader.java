package dev.execray.exec.ld;

import dev.execray.binary.BinaryFormatException;
import dev.execray.exec.ld.LoadedObject.AlreadyLoaded;
import dev.execray.exec.ld.LoadedObject.Attempt;
import dev.execray.exec.ld.LoadedObject.Dependency;
import dev.execray.exec.ld.LoadedObject.Fatal;
import dev.execray.exec.ld.LoadedObject.Found;
import dev.execray.exec.ld.LoadedObject.Kind;
import dev.execray.exec.ld.LoadedObject.Loaded;
import dev.execray.exec.ld.LoadedObject.NotFound;
import dev.execray.exec.ld.LoadedObject.Resolution;
import dev.execray.exec.ld.LoadedObject.Source;
import dev.execray.rootfs.Errno;
import dev.execray.place.RootFacts;
import dev.execray.place.ldconfig.LoaderArch;
import dev.execray.place.ldconfig.LoaderFs;
import dev.execray.place.ldconfig.MuslPathFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * musl's dynamic loader ({@code ldso/dynlink.c} {@code load_library}, {@code load_deps},
 * {@code reloc_all}): names of the libc implementation ({@code libc.so}, {@code libm.so.6}, ...) and the
 * loader's own name resolve to the loader; a name with '/' is opened as is; otherwise an object already
 * loaded under that short name, then LD_LIBRARY_PATH, then the DT_RUNPATH or DT_RPATH of the requesting
 * object and of each object up its chain, then the system path from {@code ld-musl-ARCH.path} or the
 * default {@code /lib:/usr/local/lib:/usr/lib}. There is no cache and no symbol versioning. The first file
 * that opens ends the search: a wrong or broken file is an error, not a reason to look further. Every
 * relocation is bound at startup; all errors are printed and the start ends with status 127.
 */
public final class MuslLoader {
    private static final Set<String> RESERVED = Set.of("c", "pthread", "rt", "m", "dl", "util", "xnet");
    private static final int NAME_MAX = 255;
    private static final int PATH_BUF = 2 * NAME_MAX + 2;
    /** musl's own strerror texts (src/errno/__strerror.h), which differ from glibc's for some errors. */
    private static final Map<Errno, String> STRERROR = Map.of(Errno.ENOENT, "No such file or directory",
            Errno.EACCES, "Permission denied", Errno.ENOTDIR, "Not a directory", Errno.EISDIR, "Is a directory",
            Errno.ENOEXEC, "Exec format error", Errno.ENAMETOOLONG, "Filename too long", Errno.ELOOP,
            "Symbolic link loop", Errno.EINVAL, "Invalid argument");
    private static final Set<String> LFS64 = Set.of("aio_cancel", "aio_error", "aio_fsync", "aio_read",
            "aio_return", "aio_suspend", "aio_write", "alphasort", "creat", "fallocate", "fgetpos", "fopen",
            "freopen", "fseeko", "fsetpos", "fstat", "fstatat", "fstatfs", "fstatvfs", "ftello", "ftruncate", "ftw",
            "getdents", "getrlimit", "glob", "globfree", "lio_listio", "lockf", "lseek", "lstat", "mkostemp",
            "mkostemps", "mkstemp", "mkstemps", "mmap", "nftw", "open", "openat", "posix_fadvise",
            "posix_fallocate", "pread", "preadv", "prlimit", "pwrite", "pwritev", "readdir", "scandir", "sendfile",
            "setrlimit", "stat", "statfs", "statvfs", "tmpfile", "truncate", "versionsort", "__fxstat",
            "__fxstatat", "__lxstat", "__xstat");

    private final LoaderSession session;
    private final LoaderArch arch;
    private final LoaderSettings settings;
    private final boolean lfs64Fallback;

    private final List<LoadedObject> dsos = new ArrayList<>();
    private final List<LoadedObject> listing = new ArrayList<>();
    private final List<LoaderMessage> messages = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, LoadedObject> byShortname = new HashMap<>();
    private final Map<String, LoadedObject> byIdentity = new HashMap<>();
    private final Set<String> reportedReserved = new java.util.HashSet<>();
    private final Map<LoadedObject, Optional<String>> rpaths = new java.util.IdentityHashMap<>();
    private LoadedObject app;
    private LoadedObject ldso;
    private boolean ldsoInList;
    private List<String> systemPath;
    private Source systemSource;
    private int nextId;

    /** @param muslVersion the root's musl release, where known (LFS64 names map to plain ones from 1.2.4) */
    public MuslLoader(LoaderSession session, LoaderArch arch, LoaderSettings settings, Optional<String> muslVersion) {
        this.session = session;
        this.arch = arch;
        this.settings = settings;
        this.lfs64Fallback = muslVersion.map(v -> RootFacts.compareVersions(v, "1.2.4") >= 0).orElse(true);
    }

    public LoadResult load(String invokedAs, LoaderFs.Found programFile, DynamicObject program,
                           Optional<LoaderFs.Found> interpreterFile, Optional<DynamicObject> interpreterObject) {
        String interp = program.interpreter().orElse(arch.muslInterpreter());
        app = new LoadedObject(nextId++, Kind.PROGRAM, invokedAs, invokedAs, Optional.of(programFile.canonical()),
                Optional.of(program), Optional.empty(), Optional.empty(), Optional.of(programFile.identity()));
        byIdentity.put(programFile.identity(), app);
        dsos.add(app);
        listing.add(app);
        ldso = new LoadedObject(nextId++, Kind.INTERPRETER, interp, interp,
                interpreterFile.map(LoaderFs.Found::canonical), interpreterObject, Optional.empty(),
                Optional.of(new Found(Source.THE_LOADER, interp, Optional.empty(), List.of())),
                interpreterFile.map(LoaderFs.Found::identity));
        interpreterFile.ifPresent(f -> byIdentity.put(f.identity(), ldso));
        listing.add(ldso);
        readSystemPath(interp);
        if (settings.secure() && settings.ldLibraryPath().isPresent()) {
            notes.add("LD_LIBRARY_PATH is ignored: the exec is secure (AT_SECURE)");
        }

        for (int i = 0; i < dsos.size(); i++) {
            LoadedObject p = dsos.get(i);
            if (p == ldso || p.object().isEmpty()) {
                continue;
            }
            for (String needed : p.object().get().needed()) {
                Resolution r = loadLibrary(needed, p);
                p.addDependency(new Dependency(needed, needed, r));
            }
        }
        relocate();
        List<String> errors = messages.stream().filter(LoaderMessage::fatal).map(LoaderMessage::line).toList();
        LoadOutcome outcome = errors.isEmpty() ? new LoadOutcome.Starts() : new LoadOutcome.FailsAtStart(127, errors);
        return new LoadResult(LoadResult.Flavour.MUSL, interp, listing, messages, outcome, Optional.empty(),
                Optional.empty(), notes);
    }

    /** {@code <prefix>/etc/ld-musl-ARCH.path}: missing means the default path, unreadable or empty means none. */
    private void readSystemPath(String interp) {
        String file = MuslPathFile.location(interp, arch.muslArch());
        LoaderFs.Lookup l = session.lookup(file);
        if (l instanceof LoaderFs.Missing m) {
            if (m.errno() == Errno.ENOENT) {
                systemPath = MuslPathFile.DEFAULT_PATH;
                systemSource = Source.MUSL_DEFAULT_PATH;
                notes.add("system path: musl's default " + String.join(":", systemPath) + " (no " + file + ")");
            } else {
                systemPath = List.of();
                systemSource = Source.MUSL_PATH_FILE;
                notes.add("system path: empty (" + file + ": " + m.why() + ")");
            }
            return;
        }
        LoaderFs.Found f = (LoaderFs.Found) l;
        LoaderSession.OpenedFile o = session.open(f);
        if (!f.isRegular() || o.head().isEmpty()) {
            systemPath = List.of();
        } else {
            try {
                var bytes = session.fs().open(f);
                String text = new String(bytes.bytes(0, (int) Math.min(bytes.size(), 1 << 20), file),
                        java.nio.charset.StandardCharsets.UTF_8);
                systemPath = MuslPathFile.parse(text);
            } catch (java.io.IOException | BinaryFormatException e) {
                // musl's fopen failing leaves sys_path unset: the default path applies
                systemPath = List.of();
            }
        }
        systemSource = Source.MUSL_PATH_FILE;
        notes.add("system path from " + file + ": " + String.join(":", systemPath));
    }

    private Resolution loadLibrary(String name, LoadedObject neededBy) {
        if (name.isEmpty()) {
            return error(name, neededBy, Errno.EINVAL, List.of());
        }
        boolean self = false;
        String reservedKey = null;
        if (name.startsWith("lib")) {
            int dot = name.indexOf('.', 3);
            if (dot > 3 && RESERVED.contains(name.substring(3, dot))) {
                self = true;
                reservedKey = name.substring(3, dot);
            }
        }
        if (name.equals(ldso.name())) {
            self = true;
        }
        if (self) {
            if (reservedKey != null && reportedReserved.add(reservedKey)) {
                listing.add(new LoadedObject(nextId++, Kind.INTERPRETER, name, ldso.path(), ldso.canonical(),
                        ldso.object(), Optional.of(neededBy),
                        Optional.of(new Found(Source.THE_LOADER, name, Optional.empty(), List.of())),
                        ldso.fileIdentity()));
            }
            if (!ldsoInList) {
                ldsoInList = true;
                dsos.add(ldso);
            }
            return new AlreadyLoaded(ldso, "the loader itself (musl provides " + name + ")");
        }
        List<Attempt> attempts = new ArrayList<>();
        Opened opened;
        Source source;
        String element;
        Optional<String> owner = Optional.empty();
        if (name.contains("/")) {
            opened = openOne(name, attempts);
            source = Source.PATH_NAME;
            element = name;
        } else {
            LoadedObject known = byShortname.get(name);
            if (known != null) {
                return new AlreadyLoaded(known, "name");
            }
            if (name.length() > NAME_MAX) {
                return error(name, neededBy, Errno.ENAMETOOLONG, attempts);
            }
            opened = null;
            source = null;
            element = null;
            if (!settings.secure() && settings.ldLibraryPath().isPresent()) {
                opened = pathOpen(name, settings.ldLibraryPath().get(), attempts);
                source = Source.LD_LIBRARY_PATH;
                element = settings.ldLibraryPath().get();
            }
            for (LoadedObject p = neededBy; (opened == null || opened.notFound()) && p != null;
                 p = p.loader().orElse(null)) {
                Optional<String> rp = rpathOf(p);
                if (rp.isPresent()) {
                    opened = pathOpen(name, rp.get(), attempts);
                    Optional<DynamicObject> po = p.object();
                    source = po.flatMap(DynamicObject::runpath).isPresent() ? Source.RUNPATH : Source.RPATH;
                    element = po.flatMap(DynamicObject::runpath).or(() -> po.flatMap(DynamicObject::rpath)).orElse("");
                    owner = Optional.of(p.path());
                }
            }
            if (opened == null || opened.notFound()) {
                opened = pathOpen(name, String.join(":", systemPath), attempts);
                source = systemSource;
                element = String.join(":", systemPath);
                owner = Optional.empty();
            }
        }
        if (opened.file() == null) {
            return error(name, neededBy, opened.errno(), attempts);
        }
        LoaderFs.Found f = opened.file();
        LoadedObject same = byIdentity.get(f.identity());
        if (same != null) {
            if (!name.contains("/")) {
                byShortname.putIfAbsent(name, same);
            }
            return new AlreadyLoaded(same, "same file (" + opened.path() + ")");
        }
        if (f.isDirectory()) {
            return error(name, neededBy, Errno.EISDIR, attempts);
        }
        LoaderSession.OpenedFile of = session.open(f);
        Optional<byte[]> head = of.head();
        if (head.isEmpty()) {
            return error(name, neededBy, Errno.EACCES, attempts);
        }
        HeaderCheck.Verdict v = HeaderCheck.musl(head.get(), of.size(), arch);
        if (v instanceof HeaderCheck.Fatal) {
            attempts.add(new Attempt(opened.path(), "not loadable: Exec format error"));
            return error(name, neededBy, Errno.ENOEXEC, attempts);
        }
        Optional<DynamicObject> obj = of.object();
        if (obj.isEmpty()) {
            return error(name, neededBy, Errno.ENOEXEC, attempts);
        }
        if (looksLikeGlibcLibc(obj.get())) {
            // musl refuses a second libc: a glibc libc.so found on the path becomes the loader itself
            attempts.add(new Attempt(opened.path(), "a glibc libc; musl uses itself instead"));
            return loadLibrary("libc.so", neededBy);
        }
        String shown = opened.path();
        LoadedObject lo = new LoadedObject(nextId++, Kind.LIBRARY, name, shown, Optional.of(f.canonical()), obj,
                Optional.of(neededBy), Optional.of(new Found(source, element, owner, attempts)),
                Optional.of(f.identity()));
        if (v instanceof HeaderCheck.WrongMachine wm) {
            notes.add(shown + " is for another machine (e_machine " + wm.machine()
                    + "); musl maps it anyway and its relocations will fail");
        }
        byIdentity.put(f.identity(), lo);
        if (!name.contains("/")) {
            byShortname.put(name, lo);
        }
        dsos.add(lo);
        listing.add(lo);
        return new Loaded(lo);
    }

    private boolean looksLikeGlibcLibc(DynamicObject o) {
        SymbolIndex s = o.symbols();
        return s.lookupMusl(SymbolName.of("__libc_start_main"), true).isPresent()
                && s.lookupMusl(SymbolName.of("stdin"), true).isPresent();
    }

    private Resolution error(String name, LoadedObject neededBy, Errno errno, List<Attempt> attempts) {
        String line = "Error loading shared library " + name + ": " + STRERROR.getOrDefault(errno, errno.name())
                + " (needed by " + neededBy.path() + ")";
        messages.add(new LoaderMessage(errno == Errno.ENOENT ? LoaderMessage.Kind.NOT_FOUND
                : LoaderMessage.Kind.LOAD_ERROR, true, line, Optional.of(neededBy.path()), Optional.of(name)));
        if (errno == Errno.ENOENT) {
            return new NotFound(new LoadedObject(nextId++, Kind.NOT_FOUND, name, name, Optional.empty(),
                    Optional.empty(), Optional.of(neededBy), Optional.empty(), Optional.empty()), line, attempts);
        }
        return new Fatal(line, attempts);
    }

    /** The rpath of an object after $ORIGIN expansion (RUNPATH replaces RPATH); empty if none or ignored. */
    private Optional<String> rpathOf(LoadedObject p) {
        return rpaths.computeIfAbsent(p, x -> {
            Optional<DynamicObject> o = x.object();
            if (o.isEmpty()) {
                return Optional.empty();
            }
            Optional<String> raw = o.get().runpath().or(() -> o.get().rpath());
            if (raw.isEmpty()) {
                return Optional.empty();
            }
            // a program the kernel mapped has its origin from /proc/self/exe; anything musl opened itself
            // (every library, and the program under "ld-musl --list") from the name it was opened as
            String nm = x == app && !settings.explicitLoaderInvocation() ? x.canonical().orElse(x.path()) : x.path();
            int slash = nm.lastIndexOf('/');
            Optional<String> origin = Optional.of(slash < 0 ? "." : nm.substring(0, slash));
            DynamicStringTokens.Expansion e = DynamicStringTokens.musl(raw.get(), origin, settings.secure(), x == app);
            return e instanceof DynamicStringTokens.Expanded ex ? Optional.of(ex.value()) : Optional.empty();
        });
    }

    /** {@code errno} is why the last candidate failed; it means nothing when a file was opened. */
    private record Opened(LoaderFs.Found file, String path, Errno errno, boolean stop) {
        boolean notFound() {
            return file == null && !stop;
        }
    }

    private Opened openOne(String path, List<Attempt> attempts) {
        LoaderFs.Lookup l = session.lookup(settings.absolute(path));
        if (l instanceof LoaderFs.Missing m) {
            attempts.add(new Attempt(path, m.why()));
            return new Opened(null, path, m.errno(), true);
        }
        attempts.add(new Attempt(path, "opened"));
        return new Opened((LoaderFs.Found) l, path, Errno.ENOENT, true);
    }

    /** {@code path_open}: the first candidate that opens wins; unusual errors stop the whole search. */
    private Opened pathOpen(String name, String path, List<Attempt> attempts) {
        int i = 0;
        int n = path.length();
        Errno lastErr = Errno.ENOENT;
        while (true) {
            while (i < n && (path.charAt(i) == ':' || path.charAt(i) == '\n')) {
                i++;
            }
            int start = i;
            while (i < n && path.charAt(i) != ':' && path.charAt(i) != '\n') {
                i++;
            }
            if (i == start) {
                return new Opened(null, name, lastErr, false);
            }
            String candidate = path.substring(start, i) + "/" + name;
            if (candidate.length() >= PATH_BUF) {
                continue;
            }
            LoaderFs.Lookup l = session.lookup(settings.absolute(candidate));
            if (l instanceof LoaderFs.Found f) {
                attempts.add(new Attempt(candidate, "opened"));
                return new Opened(f, candidate, Errno.ENOENT, false);
            }
            LoaderFs.Missing m = (LoaderFs.Missing) l;
            attempts.add(new Attempt(candidate, m.errno() == Errno.ENOENT ? "not there" : m.why()));
            switch (m.errno()) {
                case ENOENT, ENOTDIR, EACCES, ENAMETOOLONG -> lastErr = m.errno();
                default -> {
                    return new Opened(null, candidate, m.errno(), true);
                }
            }
        }
    }

    /** {@code reloc_all}: libraries in load order, the program last; every relocation bound now. */
    private void relocate() {
        List<LoadedObject> scope = dsos.stream().filter(d -> d.object().isPresent()).toList();
        List<LoadedObject> order = new ArrayList<>(scope.subList(1, scope.size()));
        order.add(app);
        for (LoadedObject p : order) {
            if (p == ldso) {
                continue;
            }
            SymbolIndex idx = p.object().get().symbols();
            for (SymbolIndex.Reference ref : idx.references()) {
                if (ref.use() == SymbolIndex.Use.NONE) {
                    continue;
                }
                boolean copy = ref.use() == SymbolIndex.Use.COPY;
                // a PLT reference needs a real definition, others also take a program's PLT address; a
                // library's relocations are only read when the strict lookup fails
                boolean strict = ref.use() == SymbolIndex.Use.PLT || ref.use() == SymbolIndex.Use.UNKNOWN;
                if (find(scope, ref.symbol(), strict, copy)) {
                    continue;
                }
                SymbolIndex.Use use = idx.useOf(ref);
                if (use == SymbolIndex.Use.NONE) {
                    continue;
                }
                if (use != SymbolIndex.Use.PLT && ref.use() == SymbolIndex.Use.UNKNOWN
                        && find(scope, ref.symbol(), false, copy)) {
                    continue;
                }
                if (lfs64Fallback && lfs64(ref.name())) {
                    continue;
                }
                if (ref.weak()) {
                    continue;
                }
                String line = "Error relocating " + p.path() + ": " + ref.name() + ": symbol not found";
                messages.add(new LoaderMessage(LoaderMessage.Kind.UNDEFINED_SYMBOL, true, line,
                        Optional.of(p.path()), Optional.of(ref.name())));
            }
        }
    }

    private boolean find(List<LoadedObject> scope, SymbolName name, boolean needDef, boolean copy) {
        for (LoadedObject d : scope) {
            if (copy && d == app) {
                continue;
            }
            if (d.object().get().symbols().lookupMusl(name, needDef).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private boolean lfs64(String name) {
        if (ldso.object().isEmpty()) {
            return false;
        }
        String base;
        if (name.equals("readdir64_r")) {
            base = "readdir_r";
        } else if (name.length() > 2 && name.length() <= 17 && name.endsWith("64")) {
            base = name.substring(0, name.length() - 2);
            if (!LFS64.contains(base)) {
                return false;
            }
        } else {
            return false;
        }
        return ldso.object().get().symbols().lookupMusl(SymbolName.of(base), true).isPresent();
    }
}
