package dev.execray.exec.loader;

import dev.execray.target.loader.GlibcVersion;
import java.util.List;
import java.util.Optional;

/** The newest {@code GLIBC_x.y} version an object (or a whole load) requires, and a symbol that needs it. */
final class NewestGlibc {
    private NewestGlibc() {
    }

    static Optional<LoadResult.NewestVersion> of(LoadedObject o) {
        if (o.object().isEmpty()) {
            return Optional.empty();
        }
        DynamicObject obj = o.object().get();
        LoadResult.NewestVersion best = null;
        for (DynamicObject.VersionRequirement r : obj.versionRequirements()) {
            Optional<GlibcVersion> v = GlibcVersion.ofSymbolVersion(r.version());
            if (v.isPresent() && (best == null || v.get().compareTo(best.version()) > 0)) {
                best = new LoadResult.NewestVersion(v.get(), r.version(), o.path(), Optional.empty());
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        String wanted = best.versionName();
        Optional<String> symbol = obj.symbols().references().stream()
                .filter(ref -> ref.version().map(x -> x.name().equals(wanted)).orElse(false))
                .map(SymbolIndex.Reference::name).findFirst();
        return Optional.of(new LoadResult.NewestVersion(best.version(), best.versionName(), best.requiredBy(), symbol));
    }

    /** glibc's own libraries (libc, libm, ld.so...) define GLIBC_PRIVATE; what they require says nothing. */
    static boolean isGlibcItself(DynamicObject o) {
        return o.versionDefinitions().stream().anyMatch(d -> d.name().equals("GLIBC_PRIVATE"));
    }

    static Optional<LoadResult.NewestVersion> ofClosure(List<LoadedObject> listing) {
        LoadResult.NewestVersion best = null;
        for (LoadedObject o : listing) {
            if (o.kind() == LoadedObject.Kind.VDSO || o.kind() == LoadedObject.Kind.INTERPRETER
                    || o.object().isEmpty() || isGlibcItself(o.object().get())) {
                continue;
            }
            Optional<LoadResult.NewestVersion> n = of(o);
            if (n.isPresent() && (best == null || n.get().version().compareTo(best.version()) > 0)) {
                best = n.get();
            }
        }
        return Optional.ofNullable(best);
    }
}
