package dev.execray.exec.ld;

import dev.execray.exec.ld.LoadedObject.Kind;
import dev.execray.place.ldconfig.GlibcLoaderFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * After every object is loaded: glibc's version check ({@code elf/dl-version.c}
 * {@code _dl_check_map_versions}, run verbosely at startup so weak and unversioned misses are printed as
 * warnings) and symbol binding ({@code elf/dl-lookup.c} {@code _dl_lookup_symbol_x} over the global
 * scope). A missing version ends the start with status 1 after all of them are printed; an undefined
 * symbol bound at startup ends it with status 127; an undefined function bound lazily is only found when
 * the program first calls it.
 */
final class GlibcBinding {
    private final LoaderSettings settings;
    private final List<LoadedObject> listing;
    private final LoadedObject main;
    private final List<LoaderMessage> messages;

    /** Line of that assertion in elf/dl-lookup.c per glibc release; from 2.41 there is none. */
    private static final java.util.Map<String, String> ASSERT_LINE = java.util.Map.ofEntries(
            java.util.Map.entry("2.17", "167"), java.util.Map.entry("2.23", "127"), java.util.Map.entry("2.24", "127"),
            java.util.Map.entry("2.25", "127"), java.util.Map.entry("2.26", "127"), java.util.Map.entry("2.27", "110"),
            java.util.Map.entry("2.28", "111"), java.util.Map.entry("2.29", "111"), java.util.Map.entry("2.30", "111"),
            java.util.Map.entry("2.31", "111"), java.util.Map.entry("2.32", "105"), java.util.Map.entry("2.33", "105"),
            java.util.Map.entry("2.34", "105"), java.util.Map.entry("2.35", "106"), java.util.Map.entry("2.36", "107"),
            java.util.Map.entry("2.37", "107"), java.util.Map.entry("2.38", "107"), java.util.Map.entry("2.39", "106"),
            java.util.Map.entry("2.40", "106"));

    private final Optional<String> assertLine;

    private final LoaderSession session;
    private final Map<String, LoadedObject> scopeById = new HashMap<>();

    GlibcBinding(LoaderSession session, GlibcLoaderFacts facts, LoaderSettings settings, List<LoadedObject> listing,
                 LoadedObject main, LoadedObject rtld, List<LoaderMessage> messages) {
        this.session = session;
        this.assertLine = facts.version().filter(v -> !v.atLeast(2, 41))
                .map(v -> ASSERT_LINE.getOrDefault(v.toString(), "?"));
        this.settings = settings;
        this.listing = listing;
        this.main = main;
        this.messages = messages;
    }

    LoadOutcome check() {
        List<String> versionErrors = checkVersions();
        LoadOutcome bound = bindSymbols();
        return versionErrors.isEmpty() ? bound : new LoadOutcome.FailsAtStart(1, versionErrors);
    }

    private String progname() {
        return settings.argv0().orElse(main.name());
    }

    /** DSO_FILENAME of an object's l_name: the program's is empty in a real exec, so its argv[0] is used. */
    private String dsoName(LoadedObject o) {
        if (o == main && !settings.explicitLoaderInvocation()) {
            return progname();
        }
        return o.path();
    }

    private List<String> checkVersions() {
        List<String> errors = new ArrayList<>();
        Map<String, LoadedObject> byName = new HashMap<>();
        for (LoadedObject l : listing) {
            if (l.kind() == Kind.VDSO) {
                continue;
            }
            for (String n : l.names()) {
                byName.putIfAbsent(n, l);
            }
            byName.putIfAbsent(l.path(), l);
        }
        for (LoadedObject o : listing) {
            if (o.object().isEmpty() || o.isNotFound()) {
                continue;
            }
            DynamicObject obj = o.object().get();
            if (obj.versionRequirements().isEmpty()) {
                continue;
            }
            // requirements met before by the same files under the same names are met again
            Optional<String> id = o.fileIdentity();
            Map<String, String> before = id.map(session::versionsMetBy).orElse(null);
            if (before != null && sameProviders(before, byName)) {
                continue;
            }
            Map<String, String> providers = new HashMap<>();
            boolean clean = true;
            for (DynamicObject.VersionRequirement r : obj.versionRequirements()) {
                LoadedObject needed = byName.get(r.file());
                if (needed == null || needed.isNotFound() || needed.object().isEmpty()) {
                    clean = false;
                    continue;
                }
                DynamicObject provider = needed.object().get();
                String providerName = needed.path();
                String line;
                LoaderMessage.Kind kind;
                boolean fatal;
                if (!provider.hasVersionDefinitions()) {
                    line = progname() + ": " + providerName + ": no version information available (required by "
                            + dsoName(o) + ")";
                    kind = LoaderMessage.Kind.NO_VERSION_INFORMATION;
                    fatal = false;
                } else if (defines(provider, r)) {
                    providers.put(r.file(), needed.fileIdentity().orElse("?"));
                    continue;
                } else if (r.weak()) {
                    line = progname() + ": " + providerName + ": weak version `" + r.version()
                            + "' not found (required by " + dsoName(o) + ")";
                    kind = LoaderMessage.Kind.WEAK_VERSION_MISSING;
                    fatal = false;
                } else {
                    line = progname() + ": " + providerName + ": version `" + r.version()
                            + "' not found (required by " + dsoName(o) + ")";
                    kind = LoaderMessage.Kind.VERSION_MISSING;
                    fatal = true;
                    errors.add(line);
                }
                clean = false;
                if (messages.stream().noneMatch(m -> m.line().equals(line))) {
                    messages.add(new LoaderMessage(kind, fatal, line, Optional.of(o.path()), Optional.of(r.version())));
                }
            }
            if (clean && id.isPresent()) {
                session.rememberVersionsMetBy(id.get(), providers);
            }
        }
        return errors;
    }

    private static boolean sameProviders(Map<String, String> before, Map<String, LoadedObject> byName) {
        for (Map.Entry<String, String> e : before.entrySet()) {
            LoadedObject l = byName.get(e.getKey());
            if (l == null || l.isNotFound() || !l.fileIdentity().orElse("").equals(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** The object a verneed's file name refers to: the first in the list answering to that name. */
    private Optional<LoadedObject> findNeeded(String file) {
        for (LoadedObject l : listing) {
            if (l.kind() == Kind.VDSO) {
                continue;
            }
            if (l.names().contains(file) || l.path().equals(file)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    private static boolean defines(DynamicObject provider, DynamicObject.VersionRequirement r) {
        for (DynamicObject.VersionDefinition d : provider.versionDefinitions()) {
            if (d.hash() == r.hash() && d.name().equals(r.version())) {
                return true;
            }
        }
        return false;
    }

    private LoadOutcome bindSymbols() {
        List<LoadedObject> scope = new ArrayList<>();
        Set<String> scopeIds = new HashSet<>();
        Map<String, LoadedObject> byName = new HashMap<>();
        for (LoadedObject l : listing) {
            if (l.kind() != Kind.VDSO && !l.isNotFound() && l.object().isPresent()) {
                scope.add(l);
                l.fileIdentity().ifPresent(scopeIds::add);
                l.fileIdentity().ifPresent(i -> scopeById.putIfAbsent(i, l));
                for (String n : l.names()) {
                    byName.putIfAbsent(n, l);
                }
                byName.putIfAbsent(l.path(), l);
            }
        }
        List<String> lazy = new ArrayList<>();
        String firstAtStart = null;
        // ld.so relocates dependencies before the objects that need them, the program last. It stops at the
        // first reference bound at startup that has no definition; every unbound reference is still
        // recorded here (as ldd -r reports them), the outcome keeps the first.
        
        for (int i = scope.size() - 1; i >= 0; i--) {
            LoadedObject o = scope.get(i);
            DynamicObject obj = o.object().get();
            Optional<String> id = o.fileIdentity();
            // an object whose references were all bound before by objects that are in this scope too is bound
            // again: a definition that existed still exists, whichever object ld.so finds first
            Set<String> before = id.map(session::boundBy).orElse(null);
            if (before != null && scopeIds.containsAll(before) && !assertionRisk(obj, byName)) {
                continue;
            }
            boolean now = settings.bindNow() || obj.bindNow();
            boolean risk = assertionRisk(obj, byName);
            int high = versionsHigh(obj, byName);
            Set<String> definers = new HashSet<>();
            boolean all = true;
            for (SymbolIndex.Reference declared : obj.symbols().references()) {
                if (declared.weak() || declared.use() == SymbolIndex.Use.NONE) {
                    continue;
                }
                SymbolIndex.Reference ref = withLoadedVersion(declared, high);
                boolean copy = ref.use() == SymbolIndex.Use.COPY;
                Optional<String> assertion = risk ? versionAssertion(scope, ref, copy) : Optional.empty();
                String line;
                if (assertion.isPresent()) {
                    line = assertion.get();
                } else {
                    LoadedObject d = definer(scope, ref, copy);
                    if (d != null) {
                        definers.add(d.fileIdentity().orElse("?"));
                        continue;
                    }
                    if (obj.symbols().useOf(ref) == SymbolIndex.Use.NONE) {
                        // no relocation refers to it: ld.so never looks it up
                        continue;
                    }
                    line = progname() + ": symbol lookup error: " + dsoName(o) + ": undefined symbol: " + ref.name()
                            + ref.version().map(v -> ", version " + v.name()).orElse("");
                }
                all = false;
                boolean atStart = now || obj.symbols().useOf(ref) != SymbolIndex.Use.PLT;
                messages.add(new LoaderMessage(atStart ? LoaderMessage.Kind.UNDEFINED_SYMBOL
                        : LoaderMessage.Kind.UNDEFINED_SYMBOL_AT_CALL, atStart && firstAtStart == null, line,
                        Optional.of(o.path()), Optional.of(ref.name())));
                if (atStart) {
                    if (firstAtStart == null) {
                        firstAtStart = line;
                    }
                } else {
                    lazy.add(line);
                }
            }
            if (all && id.isPresent()) {
                session.rememberBoundBy(id.get(), definers);
            }
        }
        if (firstAtStart != null) {
            return new LoadOutcome.FailsAtStart(127, List.of(firstAtStart));
        }
        return lazy.isEmpty() ? new LoadOutcome.Starts() : new LoadOutcome.FailsAtFirstCall(lazy);
    }

    /**
     * A version whose file was not loaded (a placeholder in list mode) never makes it into the object's
     * version table ({@code _dl_check_map_versions} skips such files), so the reference is looked up, and
     * reported, without a version.
     */
    private static SymbolIndex.Reference withLoadedVersion(SymbolIndex.Reference r, int versionsHigh) {
        if (r.version().isEmpty() || r.version().get().index() <= versionsHigh) {
            return r;
        }
        return new SymbolIndex.Reference(r.index(), r.symbol(), r.weak(), java.util.Optional.empty(), r.use(), r.tls());
    }

    /**
     * {@code ndx_high} of {@code _dl_check_map_versions}: the highest version index among the requirements
     * on files that are loaded and the object's own definitions. Versions above it are not in the table
     * ({@code l_nversions}); with none at all there is no table and every lookup is unversioned.
     */
    private static int versionsHigh(DynamicObject obj, Map<String, LoadedObject> byName) {
        int high = 0;
        for (DynamicObject.VersionRequirement r : obj.versionRequirements()) {
            LoadedObject f = byName.get(r.file());
            if (f != null && !f.isNotFound()) {
                high = Math.max(high, r.index() & 0x7fff);
            }
        }
        for (DynamicObject.VersionDefinition d : obj.versionDefinitions()) {
            high = Math.max(high, d.index() & 0x7fff);
        }
        return high;
    }

    /** Whether a versioned reference could meet a file without symbol versions (see {@link #versionAssertion}). */
    private boolean assertionRisk(DynamicObject obj, Map<String, LoadedObject> byName) {
        if (assertLine.isEmpty()) {
            return false;
        }
        for (DynamicObject.VersionRequirement r : obj.versionRequirements()) {
            LoadedObject f = byName.get(r.file());
            if (f != null && !f.object().get().symbols().hasVersionSymbols()) {
                return true;
            }
        }
        return false;
    }

    /**
     * glibc up to 2.40 asserts in {@code check_match} when a versioned reference meets a definition of the
     * name in the very file the version requirement names, and that file has no symbol versions at all
     * (a library rebuilt without its version script). ld.so is built with assertions, so the process dies
     * with this line; 2.41 removed the assertion and takes the symbol.
     */
    private Optional<String> versionAssertion(List<LoadedObject> scope, SymbolIndex.Reference ref, boolean copy) {
        if (ref.version().isEmpty() || assertLine.isEmpty()) {
            return Optional.empty();
        }
        String file = ref.version().get().file();
        for (LoadedObject l : scope) {
            if (copy && l == main) {
                continue;
            }
            DynamicObject obj = l.object().get();
            Optional<SymbolIndex.Definition> d = obj.symbols().lookupGlibc(ref.symbol(), Optional.empty());
            if (d.isEmpty()) {
                continue;
            }
            if (!obj.symbols().hasVersionSymbols() && (l.names().contains(file) || l.path().equals(file))) {
                return Optional.of("Inconsistency detected by ld.so: dl-lookup.c: " + assertLine.get()
                        + ": check_match: Assertion `version->filename == NULL || ! _dl_name_match_p "
                        + "(version->filename, map)' failed!");
            }
            if (obj.symbols().lookupGlibc(ref.symbol(), ref.version()).isPresent()) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * An object of the scope defining the reference. Whether a definition exists is all that decides
     * whether binding succeeds, so the object that defined the name last time is asked first.
     */
    private LoadedObject definer(List<LoadedObject> scope, SymbolIndex.Reference ref, boolean copy) {
        String last = session.lastDefiner(ref.symbol());
        if (last != null) {
            LoadedObject l = scopeById.get(last);
            if (l != null && !(copy && l == main)
                    && l.object().get().symbols().definesGlibc(ref.symbol(), ref.version())) {
                return l;
            }
        }
        LoadedObject found = firstDefiner(scope, ref, copy);
        if (found != null && found.fileIdentity().isPresent()) {
            session.rememberDefiner(ref.symbol(), found.fileIdentity().get());
        }
        return found;
    }

    /** The first object of the scope defining the reference, as {@code _dl_lookup_symbol_x} finds it. */
    private LoadedObject firstDefiner(List<LoadedObject> scope, SymbolIndex.Reference ref, boolean copy) {
        for (LoadedObject l : scope) {
            if (copy && l == main) {
                continue;
            }
            if (l.object().get().symbols().definesGlibc(ref.symbol(), ref.version())) {
                return l;
            }
        }
        return null;
    }
}
