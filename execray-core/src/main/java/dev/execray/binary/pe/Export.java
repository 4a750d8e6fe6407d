package dev.execray.binary.pe;

import java.util.List;
import java.util.Optional;

/**
 * One used slot of the export address table. {@code names} is empty for an ordinal-only export;
 * a forwarder ({@code OTHERDLL.Function} or {@code OTHERDLL.#12}) has no code of its own and
 * {@code rva} then points at the forwarder string.
 */
public record Export(long ordinal, long rva, List<String> names, Optional<String> forwarder) {
    public Export {
        names = List.copyOf(names);
    }

    public Optional<String> name() {
        return names.isEmpty() ? Optional.empty() : Optional.of(names.get(0));
    }
}
