package dev.execray.binary.elf;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Looks values up among an enum's constants, preferring the constants that mean the same on every
 * machine (as readelf's switch statements do) and then those of the file's machine. Known values
 * share one {@link Coded} instance, so decoding millions of symbols allocates nothing for them.
 */
final class ConstantTable<E extends Enum<E> & ElfConstant> {
    private final Map<Long, Coded<E>> generic = new HashMap<>();
    private final Map<Long, List<E>> specific = new HashMap<>();
    private final Map<E, Coded<E>> coded;

    ConstantTable(Class<E> type) {
        coded = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            Coded<E> c = new Coded<>(e.value(), Optional.of(e), e.readelfName());
            coded.put(e, c);
            if (e.machines().isEmpty()) {
                generic.putIfAbsent(e.value(), c);
            } else {
                specific.computeIfAbsent(e.value(), k -> new ArrayList<>(2)).add(e);
            }
        }
    }

    Coded<E> lookup(long value, int machine, LongFunction<String> unknownName) {
        Coded<E> c = generic.get(value);
        if (c != null) {
            return c;
        }
        List<E> candidates = specific.get(value);
        if (candidates != null) {
            for (E e : candidates) {
                for (ElfMachine m : e.machines()) {
                    if (m.value() == machine) {
                        return coded.get(e);
                    }
                }
            }
        }
        return new Coded<E>(value, Optional.<E>empty(), unknownName.apply(value));
    }

    Coded<E> coded(E constant) {
        return coded.get(constant);
    }
}
