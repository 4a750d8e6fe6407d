package dev.execray.binary.elf;

import dev.execray.binary.FormatProblem;
import java.util.List;
import java.util.Optional;

/**
 * A symbol table: .symtab, or .dynsym (which is also found through DT_SYMTAB when the section
 * headers are gone). {@code section} is the section it was read from, empty when it was found
 * through the dynamic section.
 */
public record SymbolTable(Optional<SectionHeader> section, List<Symbol> symbols, List<FormatProblem> problems) {
    static final SymbolTable EMPTY = new SymbolTable(Optional.empty(), List.of(), List.of());

    public boolean isEmpty() {
        return symbols.isEmpty();
    }
}
