package dev.execray.binary.elf;

import java.util.Objects;
import java.util.Optional;

/**
 * A value read from a file together with what it means: the known constant when there is one, and
 * always the name readelf prints for it (for unknown values readelf's fallback, such as
 * {@code "<unknown>: 0x1234"} or {@code "LOOS+0x5"}). This is how an e_machine of 0x1234 stays
 * representable without a catch-all constant that would forget the number.
 */
public record Coded<E extends Enum<E> & ElfConstant>(long value, Optional<E> known, String name) {
    public Coded {
        Objects.requireNonNull(known, "known");
        Objects.requireNonNull(name, "name");
    }

    /** True when the value is exactly {@code constant} (and means it on this file's machine). */
    public boolean is(E constant) {
        return known.isPresent() && known.get() == constant;
    }

    @Override
    public String toString() {
        return name;
    }
}
