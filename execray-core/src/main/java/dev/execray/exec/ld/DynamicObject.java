package dev.execray.exec.ld;

import java.util.List;
import java.util.Optional;

/**
 * One ELF file as a dynamic loader sees it: the identification it checks before mapping, the dynamic
 * section entries that steer loading, symbol versions, and a symbol index for binding. Implementations
 * read lazily; nothing here is computed until asked.
 */
public interface DynamicObject {

    ElfIdentity identity();

    Optional<String> interpreter();

    /** Whether the file has a PT_DYNAMIC segment at all (a static executable does not). */
    boolean isDynamic();

    /** DT_NEEDED names in dynamic-section order. */
    List<String> needed();

    Optional<String> soname();

    /** DT_RPATH (the last one, as the loaders keep it), whether or not DT_RUNPATH overrides it. */
    Optional<String> rpath();

    Optional<String> runpath();

    /** DT_FLAGS. */
    long flags();

    /** DT_FLAGS_1. */
    long flags1();

    /** Whether the file has DT_VERDEF (glibc skips version checks against files without one). */
    boolean hasVersionDefinitions();

    List<VersionRequirement> versionRequirements();

    List<VersionDefinition> versionDefinitions();

    SymbolIndex symbols();

    /** What could not be read; the rest is still true. */
    List<String> problems();

    /** DF_1_NODEFLIB: the default directories (and cache hits inside them) are not searched. */
    default boolean noDefaultLib() {
        return (flags1() & 0x800) != 0;
    }

    /** DF_BIND_NOW, DF_1_NOW or DT_BIND_NOW: every relocation is bound at startup. */
    boolean bindNow();

    /** One version this object requires from the file named {@code file} (a DT_NEEDED name). */
    record VersionRequirement(String file, String version, long hash, boolean weak, int index) {
    }

    /** One version this object defines; {@code base} is the file's own name entry. */
    record VersionDefinition(String name, long hash, int index, boolean base) {
    }
}
