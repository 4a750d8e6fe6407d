package dev.execray.report;

/**
 * The tables {@code execray inspect} shows after the summary, one per command-line flag, shared by
 * every format: each renderer shows those that exist in its format (readelf's letters for ELF).
 */
public enum InspectDetail {
    /** -h: the ELF file header; every header field, data directory and debug entry (PE); every load command (Mach-O). */
    FILE_HEADER,
    /** -l: program headers and the section-to-segment mapping (ELF). */
    PROGRAM_HEADERS,
    /** -S: section headers (ELF, PE); segments and sections (Mach-O). */
    SECTION_HEADERS,
    /** -s: .symtab and .dynsym (ELF); the LC_SYMTAB symbols (Mach-O). */
    SYMBOLS,
    /** --dyn-syms: .dynsym only (ELF). */
    DYN_SYMS,
    /** -d: the dynamic section (ELF). */
    DYNAMIC,
    /** -V: .gnu.version, .gnu.version_r, .gnu.version_d (ELF). */
    VERSION_INFO,
    /** -n: notes (ELF). */
    NOTES,
    /** -i: imported DLLs and functions, delay imports (PE); dylibs, rpaths and undefined symbols by dylib (Mach-O). */
    IMPORTS,
    /** -e: the export table (PE). */
    EXPORTS
}
