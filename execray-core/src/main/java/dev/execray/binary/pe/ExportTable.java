package dev.execray.binary.pe;

import dev.execray.binary.FormatProblem;
import java.util.Optional;

/** What the export data directory holds: nothing, a directory (possibly partial), and any malformation. */
public record ExportTable(Optional<ExportDirectory> directory, Optional<FormatProblem> problem) {
    public static final ExportTable NONE = new ExportTable(Optional.empty(), Optional.empty());
}
