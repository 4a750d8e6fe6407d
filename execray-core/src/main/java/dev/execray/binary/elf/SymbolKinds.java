package dev.execray.binary.elf;

import java.util.Optional;

/**
 * The decoded type, binding and visibility for every possible st_info / st_other value of one file,
 * computed once per file: symbol tables are the largest tables in a binary, and their symbols then
 * share these few objects instead of allocating three per symbol.
 */
final class SymbolKinds {
    private final Coded<SymbolType>[] types;
    private final Coded<SymbolBinding>[] bindings;
    private final Coded<SymbolVisibility>[] visibilities;

    @SuppressWarnings("unchecked")
    SymbolKinds(int machine, int osAbi) {
        types = new Coded[16];
        bindings = new Coded[16];
        visibilities = new Coded[4];
        boolean gnuOrFreeBsd = osAbi == OsAbi.GNU.value() || osAbi == OsAbi.FREEBSD.value();
        for (int t = 0; t < 16; t++) {
            types[t] = type(t, machine, gnuOrFreeBsd);
        }
        for (int b = 0; b < 16; b++) {
            bindings[b] = binding(b, osAbi == OsAbi.GNU.value());
        }
        for (SymbolVisibility v : SymbolVisibility.values()) {
            visibilities[(int) v.value()] = new Coded<>(v.value(), Optional.of(v), v.readelfName());
        }
    }

    Coded<SymbolType> type(int info) {
        return types[info & 0xf];
    }

    Coded<SymbolBinding> binding(int info) {
        return bindings[(info >> 4) & 0xf];
    }

    Coded<SymbolVisibility> visibility(int other) {
        return visibilities[other & 3];
    }

    private static Coded<SymbolType> type(int t, int machine, boolean gnuOrFreeBsd) {
        for (SymbolType c : SymbolType.values()) {
            if (c.value() != t) {
                continue;
            }
            if (c.machines().isEmpty() || c.machines().stream().anyMatch(m -> m.value() == machine)) {
                String name = c == SymbolType.GNU_IFUNC && !gnuOrFreeBsd ? "<OS specific>: " + t : c.readelfName();
                return new Coded<>(t, Optional.of(c), name);
            }
        }
        String name = t >= 13 ? "<processor specific>: " + t : t >= 10 ? "<OS specific>: " + t : "<unknown>: " + t;
        return new Coded<SymbolType>(t, Optional.<SymbolType>empty(), name);
    }

    private static Coded<SymbolBinding> binding(int b, boolean gnu) {
        for (SymbolBinding c : SymbolBinding.values()) {
            if (c.value() == b) {
                String name = c == SymbolBinding.GNU_UNIQUE && !gnu ? "<OS specific>: " + b : c.readelfName();
                return new Coded<>(b, Optional.of(c), name);
            }
        }
        String name = b >= 13 ? "<processor specific>: " + b : b >= 10 ? "<OS specific>: " + b : "<unknown>: " + b;
        return new Coded<SymbolBinding>(b, Optional.<SymbolBinding>empty(), name);
    }
}
