package dev.execray.exec.ld;

import java.util.List;
import java.util.Optional;

/**
 * The dynamic symbols of one object, as the loaders bind them: the undefined references it makes (with
 * the version each one asks for and how its relocations use it) and lookups of definitions by name.
 */
public interface SymbolIndex {

    /** Whether the object has a DT_VERSYM table (glibc's {@code l_versyms}). */
    default boolean hasVersionSymbols() {
        return false;
    }

    /**
     * Undefined, named dynamic symbols of the object in symbol-table order, and defined ones that a copy
     * relocation fills from a library (their lookup skips the program).
     */
    List<Reference> references();

    /**
     * glibc's {@code check_match}: a global or weak definition of {@code name} that is not hidden, of a
     * code or data type, with the requested version, or (for an unversioned request) the base or only
     * default version.
     */
    Optional<Definition> lookupGlibc(SymbolName name, Optional<VersionRef> version);

    /** Whether {@link #lookupGlibc} finds a definition; implementations answer without building one. */
    default boolean definesGlibc(SymbolName name, Optional<VersionRef> version) {
        return lookupGlibc(name, version).isPresent();
    }

    /**
     * musl's {@code find_sym2} for one object: the first entry of that name that is not a hidden version,
     * then accepted only if defined (or not {@code needDefinition} and non-TLS with a value), of an allowed
     * type and binding.
     */
    Optional<Definition> lookupMusl(SymbolName name, boolean needDefinition);

    /**
     * A version a reference asks for: name and ELF hash, whether hidden, the file the verneed names, and its
     * index in the object's version table (vna_other).
     */
    record VersionRef(String name, long hash, boolean hidden, String file, int index) {
    }

    /** An undefined symbol and how the object's relocations use it. */
    record Reference(int index, SymbolName symbol, boolean weak, Optional<VersionRef> version, Use use, boolean tls) {
        public String name() {
            return symbol.text();
        }
    }

    /** A definition found in an object. */
    record Definition(String name, Optional<String> version, boolean weak) {
    }

    /**
     * How relocations refer to a symbol: not at all, only through PLT slots (bound lazily by glibc unless
     * BIND_NOW), or by at least one other relocation that is bound at startup. {@code COPY} marks a copy
     * relocation, whose lookup skips the executable. {@code UNKNOWN}: not read yet (see {@link #useOf}).
     */
    enum Use { NONE, PLT, EAGER, COPY, UNKNOWN }

    /**
     * How relocations use a reference. Libraries' relocation tables are only read when a reference turns
     * out to be unbound ({@link Use#UNKNOWN} until then); this answers for any reference.
     */
    default Use useOf(Reference r) {
        return r.use();
    }
}
