package dev.execray.exec.ld;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of the loader's list of objects (glibc's link map, musl's dso list), in load order: the
 * program, the vDSO, preloads, libraries, the interpreter, and — in the listing — the names that were not
 * found. Built while loading; read-only to everyone else.
 */
public final class LoadedObject {
    public enum Kind { PROGRAM, VDSO, PRELOAD, LIBRARY, INTERPRETER, NOT_FOUND }

    private final int id;
    private final Kind kind;
    private final String name;
    private final String path;
    private final Optional<String> canonical;
    private final Optional<DynamicObject> object;
    private final Optional<LoadedObject> loader;
    private final Optional<Found> how;
    private final Set<String> names = new LinkedHashSet<>();
    private final List<Dependency> dependencies = new ArrayList<>();
    private final Optional<String> fileIdentity;

    LoadedObject(int id, Kind kind, String name, String path, Optional<String> canonical,
                 Optional<DynamicObject> object, Optional<LoadedObject> loader, Optional<Found> how,
                 Optional<String> fileIdentity) {
        this.id = id;
        this.kind = kind;
        this.name = name;
        this.path = path;
        this.canonical = canonical;
        this.object = object;
        this.loader = loader;
        this.how = how;
        this.fileIdentity = fileIdentity;
        names.add(name);
    }

    /** Position in load order, starting at 0 for the program. */
    public int id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    /** The name it was first asked for (what {@code ldd} prints left of {@code =>}). */
    public String name() {
        return name;
    }

    /** The path it was opened as (what {@code ldd} prints right of {@code =>}). */
    public String path() {
        return path;
    }

    /** The path with every symlink resolved, inside the root. */
    public Optional<String> canonical() {
        return canonical;
    }

    public Optional<DynamicObject> object() {
        return object;
    }

    /** The object whose DT_NEEDED first brought this one in (glibc's {@code l_loader}, musl's needed_by). */
    public Optional<LoadedObject> loader() {
        return loader;
    }

    /** How the search found it, for libraries. */
    public Optional<Found> how() {
        return how;
    }

    /** Every name this object answers to: names it was requested by and, once matched, its SONAME. */
    public Set<String> names() {
        return Collections.unmodifiableSet(names);
    }

    /** Its DT_NEEDED entries and what each resolved to, in order. */
    public List<Dependency> dependencies() {
        return Collections.unmodifiableList(dependencies);
    }

    public Optional<String> fileIdentity() {
        return fileIdentity;
    }

    public boolean isNotFound() {
        return kind == Kind.NOT_FOUND;
    }

    void addName(String n) {
        names.add(n);
    }

    void addDependency(Dependency d) {
        dependencies.add(d);
    }

    @Override
    public String toString() {
        return name + " => " + path;
    }

    /** One DT_NEEDED entry of an object and what became of it. */
    public record Dependency(String needed, String requested, Resolution resolution) {
    }

    /** The outcome of one DT_NEEDED lookup. */
    public sealed interface Resolution permits Loaded, AlreadyLoaded, NotFound, Skipped, Fatal {
    }

    /** Found and loaded now. */
    public record Loaded(LoadedObject object) implements Resolution {
    }

    /** Satisfied by an object already in the list: by a name it was requested as, its SONAME, or the same file. */
    public record AlreadyLoaded(LoadedObject object, String matchedBy) implements Resolution {
    }

    public record NotFound(LoadedObject placeholder, String message, List<Attempt> attempts) implements Resolution {
    }

    /** The entry was not looked up at all (a token without a value in a DT_NEEDED name). */
    public record Skipped(String reason) implements Resolution {
    }

    /** Looking it up stopped the loader (a corrupt file on the path, a directory, ...). */
    public record Fatal(String message, List<Attempt> attempts) implements Resolution {
    }

    /**
     * Where a library was found: by which rule ({@code source}), through which search path element as
     * written (e.g. {@code $ORIGIN/../lib}) and whose it was, and every path tried before.
     */
    public record Found(Source source, String element, Optional<String> owner, List<Attempt> attempts) {
    }

    /** One candidate path the loader tried and why it moved on (or "found"). */
    public record Attempt(String path, String outcome) {
    }

    /** The rule that found a library. */
    public enum Source {
        RPATH("DT_RPATH"),
        LD_LIBRARY_PATH("LD_LIBRARY_PATH"),
        RUNPATH("DT_RUNPATH"),
        LD_SO_CACHE("ld.so.cache"),
        DEFAULT_PATH("default path"),
        MUSL_PATH_FILE("musl path file"),
        MUSL_DEFAULT_PATH("musl default path"),
        PATH_NAME("path in DT_NEEDED"),
        THE_LOADER("the loader itself"),
        PRELOAD("preload");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
