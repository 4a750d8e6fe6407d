package dev.execray.exec.loader;

import dev.execray.exec.loader.LoadedObject.Kind;
import dev.execray.target.loader.GlibcLoaderFacts;
import java.util.ArrayList;
import java.util.HashMap;
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

    GlibcBinding(GlibcLoaderFacts facts, LoaderSettings settings, List<LoadedObject> listing, LoadedObject main,
                 LoadedObject rtld, List<LoaderMessage> messages) {
        this.assertLine = facts.version().filter(v -> !v.atLeast(2, 41))
                .map(v -> ASSERT_LINE.getOrDefault(v.toString(), "?"));
        this.settings = settings;
        this.listing = listing;
        this.main = main;
        this.messages = messages;
    }

    LoadOutcome check() {
        List<String> versionErrors = checkVersions();
        if (!versionErrors.isEmpty()) {
            return new LoadOutcome.FailsAtStart(1, versionErrors);
        }
        return bindSymbols();
    }

    void checkVersionsOnly() {
        checkVersions();
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
        for (LoadedObject o : listing) {
            if (o.object().isEmpty() || o.isNotFound()) {
                continue;
            }
            for (DynamicObject.VersionRequirement r : o.object().get().versionRequirements()) {
                Optional<LoadedObject> needed = findNeeded(r.file());
                if (needed.isEmpty() || needed.get().isNotFound() || needed.get().object().isEmpty()) {
                    continue;
                }
                DynamicObject provider = needed.get().object().get();
                String providerName = needed.get().path();
                String line;
                LoaderMessage.Kind kind;
                boolean fatal;
                if (!provider.hasVersionDefinitions()) {
                    line = progname() + ": " + providerName + ": no version information available (required by "
                            + dsoName(o) + ")";
                    kind = LoaderMessage.Kind.NO_VERSION_INFORMATION;
                    fatal = false;
                } else if (defines(provider, r)) {
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
                if (messages.stream().noneMatch(m -> m.line().equals(line))) {
                    messages.add(new LoaderMessage(kind, fatal, line, Optional.of(o.path()), Optional.of(r.version())));
                }
            }
        }
        return errors;
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
        for (LoadedObject l : listing) {
            if (l.kind() != Kind.VDSO && !l.isNotFound() && l.object().isPresent()) {
                scope.add(l);
            }
        }
        Map<String, Boolean> resolved = new HashMap<>();
        List<String> lazy = new ArrayList<>();
        // ld.so relocates dependencies before the objects that need them, the program last
        for (int i = scope.size() - 1; i >= 0; i--) {
            LoadedObject o = scope.get(i);
            DynamicObject obj = o.object().get();
            boolean now = settings.bindNow() || obj.bindNow();
            for (SymbolIndex.Reference ref : obj.symbols().references()) {
                if (ref.weak() || ref.use() == SymbolIndex.Use.NONE) {
                    continue;
                }
                boolean copy = ref.use() == SymbolIndex.Use.COPY;
                String key = (copy ? "C" : "N") + ref.name() + ref.version().map(v -> "@" + v.name()).orElse("");
                Boolean found = resolved.get(key);
                if (found == null) {
                    Optional<String> assertion = versionAssertion(scope, ref, copy);
                    if (assertion.isPresent()) {
                        boolean atStart = now || ref.use() != SymbolIndex.Use.PLT;
                        messages.add(new LoaderMessage(atStart ? LoaderMessage.Kind.UNDEFINED_SYMBOL
                                : LoaderMessage.Kind.UNDEFINED_SYMBOL_AT_CALL, atStart, assertion.get(),
                                Optional.of(o.path()), Optional.of(ref.name())));
                        if (atStart) {
                            return new LoadOutcome.FailsAtStart(127, List.of(assertion.get()));
                        }
                        lazy.add(assertion.get());
                        continue;
                    }
                    found = lookup(scope, ref, copy);
                    resolved.put(key, found);
                }
                if (found) {
                    continue;
                }
                String line = progname() + ": symbol lookup error: " + dsoName(o) + ": undefined symbol: " + ref.name()
                        + ref.version().map(v -> ", version " + v.name()).orElse("");
                boolean atStart = now || ref.use() != SymbolIndex.Use.PLT;
                messages.add(new LoaderMessage(atStart ? LoaderMessage.Kind.UNDEFINED_SYMBOL
                        : LoaderMessage.Kind.UNDEFINED_SYMBOL_AT_CALL, atStart, line, Optional.of(o.path()),
                        Optional.of(ref.name())));
                if (atStart) {
                    return new LoadOutcome.FailsAtStart(127, List.of(line));
                }
                lazy.add(line);
            }
        }
        return lazy.isEmpty() ? new LoadOutcome.Starts() : new LoadOutcome.FailsAtFirstCall(lazy);
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

    private boolean lookup(List<LoadedObject> scope, SymbolIndex.Reference ref, boolean copy) {
        for (LoadedObject l : scope) {
            if (copy && l == main) {
                continue;
            }
            if (l.object().get().symbols().lookupGlibc(ref.symbol(), ref.version()).isPresent()) {
                return true;
            }
        }
        return false;
    }
}
