package dev.execray.report;

/** The ELF tables {@code execray inspect} shows after the summary, one per readelf-like flag. */
public enum ElfDetail {
    /** -h: the ELF file header. */
    FILE_HEADER,
    /** -l: program headers and the section-to-segment mapping. */
    PROGRAM_HEADERS,
    /** -S: section headers (and SHF_COMPRESSED sections). */
    SECTION_HEADERS,
    /** -s: .symtab and .dynsym. */
    SYMBOLS,
    /** --dyn-syms: .dynsym only. */
    DYN_SYMS,
    /** -d: the dynamic section. */
    DYNAMIC,
    /** -V: .gnu.version, .gnu.version_r, .gnu.version_d. */
    VERSION_INFO,
    /** -n: notes. */
    NOTES
}
