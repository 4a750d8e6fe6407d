package dev.execray.exec.ld;

import dev.execray.binary.elf.ElfType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A DynamicObject described directly, for loader tests. */
final class FakeObject implements DynamicObject {
    ElfIdentity identity = new ElfIdentity(2, 1, 1, 0, 0, true, (int) ElfType.DYN.value(), 62, 0, 1, 56);
    Optional<String> interpreter = Optional.empty();
    final List<String> needed = new ArrayList<>();
    Optional<String> soname = Optional.empty();
    Optional<String> rpath = Optional.empty();
    Optional<String> runpath = Optional.empty();
    long flags;
    long flags1;
    boolean dynamic = true;
    boolean bindNow;
    final List<VersionRequirement> requirements = new ArrayList<>();
    final List<VersionDefinition> definitions = new ArrayList<>();
    final List<SymbolIndex.Reference> references = new ArrayList<>();
    final Map<String, List<String>> definedSymbols = new HashMap<>();

    FakeObject needs(String... names) {
        needed.addAll(List.of(names));
        return this;
    }

    FakeObject soname(String s) {
        soname = Optional.of(s);
        return this;
    }

    FakeObject rpath(String s) {
        rpath = Optional.of(s);
        return this;
    }

    FakeObject runpath(String s) {
        runpath = Optional.of(s);
        return this;
    }

    FakeObject executable(String interp) {
        identity = new ElfIdentity(2, 1, 1, 0, 0, true, (int) ElfType.DYN.value(), 62, 0, 1, 56);
        interpreter = Optional.of(interp);
        return this;
    }

    FakeObject defines(String version, String... symbols) {
        if (version != null && definitions.stream().noneMatch(d -> d.name().equals(version))) {
            if (definitions.isEmpty()) {
                definitions.add(new VersionDefinition(soname.orElse("base"), elfHash(soname.orElse("base")), 1, true));
            }
            definitions.add(new VersionDefinition(version, elfHash(version), definitions.size() + 1, false));
        }
        for (String s : symbols) {
            definedSymbols.computeIfAbsent(s, k -> new ArrayList<>()).add(version);
        }
        return this;
    }

    FakeObject requires(String file, String version, String... symbols) {
        requirements.add(new VersionRequirement(file, version, elfHash(version), false, requirements.size() + 2));
        for (String s : symbols) {
            references.add(new SymbolIndex.Reference(references.size() + 1, SymbolName.of(s), false,
                    Optional.of(new SymbolIndex.VersionRef(version, elfHash(version), false, file, requirements.size() + 1)),
                    SymbolIndex.Use.PLT, false));
        }
        return this;
    }

    FakeObject uses(SymbolIndex.Use use, String... symbols) {
        for (String s : symbols) {
            references.add(new SymbolIndex.Reference(references.size() + 1, SymbolName.of(s), false, Optional.empty(),
                    use, false));
        }
        return this;
    }

    static long elfHash(String s) {
        long h = 0;
        for (byte b : s.getBytes()) {
            h = (h << 4) + (b & 0xff);
            long g = h & 0xf0000000L;
            if (g != 0) {
                h ^= g >>> 24;
            }
            h &= ~g;
        }
        return h & 0xffffffffL;
    }

    @Override
    public ElfIdentity identity() {
        return identity;
    }

    @Override
    public Optional<String> interpreter() {
        return interpreter;
    }

    @Override
    public boolean isDynamic() {
        return dynamic;
    }

    @Override
    public List<String> needed() {
        return needed;
    }

    @Override
    public Optional<String> soname() {
        return soname;
    }

    @Override
    public Optional<String> rpath() {
        return rpath;
    }

    @Override
    public Optional<String> runpath() {
        return runpath;
    }

    @Override
    public long flags() {
        return flags;
    }

    @Override
    public long flags1() {
        return flags1;
    }

    @Override
    public boolean hasVersionDefinitions() {
        return !definitions.isEmpty();
    }

    @Override
    public List<VersionRequirement> versionRequirements() {
        return requirements;
    }

    @Override
    public List<VersionDefinition> versionDefinitions() {
        return definitions;
    }

    @Override
    public boolean bindNow() {
        return bindNow;
    }

    @Override
    public List<String> problems() {
        return List.of();
    }

    @Override
    public SymbolIndex symbols() {
        return new SymbolIndex() {
            @Override
            public List<Reference> references() {
                return references;
            }

            @Override
            public Optional<Definition> lookupGlibc(SymbolName sym, Optional<VersionRef> version) {
                String name = sym.text();
                List<String> vs = definedSymbols.get(name);
                if (vs == null) {
                    return Optional.empty();
                }
                for (String v : vs) {
                    if (version.isEmpty() || v == null || v.equals(version.get().name())) {
                        return Optional.of(new Definition(name, Optional.ofNullable(v), false));
                    }
                }
                return Optional.empty();
            }

            @Override
            public Optional<Definition> lookupMusl(SymbolName sym, boolean needDefinition) {
                String name = sym.text();
                return definedSymbols.containsKey(name) ? Optional.of(new Definition(name, Optional.empty(), false))
                        : Optional.empty();
            }
        };
    }
}
