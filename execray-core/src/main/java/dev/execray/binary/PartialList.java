package dev.execray.binary;

import java.util.List;

/**
 * The entries of a table read as far as it stays true, and the malformations met reading it: what a
 * lazily read table (imports, symbols, section headers, notes) gives, so that a hostile or truncated
 * table still shows what is true of it. One model for every format: a reader that stops at its first
 * malformation (PE, Mach-O, XCOFF, wasm) records one problem, a reader that goes on past a bad entry
 * (ELF's section and note walks) records each.
 */
public record PartialList<T>(List<T> entries, List<FormatProblem> problems) {
    public PartialList {
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
    }

    public static <T> PartialList<T> complete(List<T> entries) {
        return new PartialList<>(entries, List.of());
    }

    public static <T> PartialList<T> broken(List<T> entries, FormatProblem problem) {
        return new PartialList<>(entries, List.of(problem));
    }

    public boolean isComplete() {
        return problems.isEmpty();
    }
}
