package dev.execray.binary;

import java.util.List;
import java.util.Optional;

/**
 * The entries of a table read up to the first malformation, and that malformation if there was one:
 * what a lazily read table (imports, symbols) gives, so that a hostile or truncated table still
 * shows what is true of it.
 */
public record PartialList<T>(List<T> entries, Optional<FormatProblem> problem) {
    public PartialList {
        entries = List.copyOf(entries);
    }

    public static <T> PartialList<T> complete(List<T> entries) {
        return new PartialList<>(entries, Optional.empty());
    }

    public static <T> PartialList<T> broken(List<T> entries, FormatProblem problem) {
        return new PartialList<>(entries, Optional.of(problem));
    }

    public boolean isComplete() {
        return problem.isEmpty();
    }
}
