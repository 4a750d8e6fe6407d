package dev.execray.binary.pe;

import dev.execray.binary.FormatProblem;
import java.util.List;
import java.util.Optional;

/** What the export data directory holds: nothing, a directory (possibly partial), and any malformation. */
public record ExportTable(Optional<ExportDirectory> directory, List<FormatProblem> problems) {
    public static final ExportTable NONE = new ExportTable(Optional.empty(), List.of());

    public ExportTable {
        problems = List.copyOf(problems);
    }
}
