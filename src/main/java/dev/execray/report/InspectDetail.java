package dev.execray.report;

/** The details {@code execray inspect} shows after the summary, one per command-line flag. */
public enum InspectDetail {
    /** Section (PE) or segment and section (Mach-O) tables. */
    SECTIONS,
    /** Imported DLLs and functions, delay imports (PE); dylibs and rpaths (Mach-O). */
    IMPORTS,
    /** The export table (PE). */
    EXPORTS,
    /** The symbol table (Mach-O LC_SYMTAB). */
    SYMBOLS,
    /** Every load command (Mach-O) or every header field and data directory (PE). */
    HEADERS
}
