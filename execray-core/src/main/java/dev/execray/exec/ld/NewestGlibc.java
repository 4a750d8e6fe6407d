package dev.execray.exec.ld;

import dev.execray.place.ldconfig.GlibcVersion;
import java.util.List;
import java.util.Optional;

/** The newest {@code GLIBC_x.y} version an object (or a whole load) requires, and a symbol that needs it. */
final class NewestGlibc {
    private NewestGlibc() {
    }

    static Optional<LoadResult.NewestVersion> of(LoadedObject o) {
        return newest(o).map(best -> withSymbol(o, best));
    }

    static Optional<LoadResult.NewestVersion> of(LoaderSession session, LoadedObject o) {
        return newest(session, o).map(best -> withSymbol(o, best));
    }

    private static Optional<LoadResult.NewestVersion> newest(LoaderSession session, LoadedObject o) {
        if (o.object().isEmpty()) {
            return Optional.empty();
        }
        Optional<DynamicObject.VersionRequirement> r = session.memo("newest glibc", o.object().get(), NewestGlibc::newestRequirement);
        return r.map(x -> new LoadResult.NewestVersion(GlibcVersion.ofSymbolVersion(x.version()).get(), x.version(),
                o.path(), Optional.empty()));
    }

    private static Optional<DynamicObject.VersionRequirement> newestRequirement(DynamicObject obj) {
        DynamicObject.VersionRequirement best = null;
        GlibcVersion bestV = null;
        for (DynamicObject.VersionRequirement r : obj.versionRequirements()) {
            Optional<GlibcVersion> v = GlibcVersion.ofSymbolVersion(r.version());
            if (v.isPresent() && (bestV == null || v.get().compareTo(bestV) > 0)) {
                best = r;
                bestV = v.get();
            }
        }
        return Optional.ofNullable(best);
    }

    private static Optional<LoadResult.NewestVersion> newest(LoadedObject o) {
        if (o.object().isEmpty()) {
            return Optional.empty();
        }
        LoadResult.NewestVersion best = null;
        for (DynamicObject.VersionRequirement r : o.object().get().versionRequirements()) {
            if (!r.version().startsWith("GLIBC_2")) {
                continue;
            }
            Optional<GlibcVersion> v = GlibcVersion.ofSymbolVersion(r.version());
            if (v.isPresent() && (best == null || v.get().compareTo(best.version()) > 0)) {
                best = new LoadResult.NewestVersion(v.get(), r.version(), o.path(), Optional.empty());
            }
        }
        return Optional.ofNullable(best);
    }

    private static LoadResult.NewestVersion withSymbol(LoadedObject o, LoadResult.NewestVersion best) {
        String wanted = best.versionName();
        Optional<String> symbol = o.object().get().symbols().references().stream()
                .filter(ref -> ref.version().map(x -> x.name().equals(wanted)).orElse(false))
                .map(SymbolIndex.Reference::name).findFirst();
        return new LoadResult.NewestVersion(best.version(), best.versionName(), best.requiredBy(), symbol);
    }

    /** glibc's own libraries (libc, libm, ld.so...) define GLIBC_PRIVATE; what they require says nothing. */
    static boolean isGlibcItself(DynamicObject o) {
        return o.versionDefinitions().stream().anyMatch(d -> d.name().equals("GLIBC_PRIVATE"));
    }

    static Optional<LoadResult.NewestVersion> ofClosure(LoaderSession session, List<LoadedObject> listing) {
        LoadResult.NewestVersion best = null;
        LoadedObject bestObject = null;
        for (LoadedObject o : listing) {
            if (o.kind() == LoadedObject.Kind.VDSO || o.kind() == LoadedObject.Kind.INTERPRETER
                    || o.object().isEmpty() || session.memo("glibc itself", o.object().get(), NewestGlibc::isGlibcItself)) {
                continue;
            }
            Optional<LoadResult.NewestVersion> n = newest(session, o);
            if (n.isPresent() && (best == null || n.get().version().compareTo(best.version()) > 0)) {
                best = n.get();
                bestObject = o;
            }
        }
        return best == null ? Optional.empty() : Optional.of(withSymbol(bestObject, best));
    }
}
