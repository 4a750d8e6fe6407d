package dev.execray.cli;

import dev.execray.report.InspectDetail;
import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine.Option;

/** {@code inspect}'s readelf-like table flags, and the set of tables they ask for. */
final class InspectDetailOptions {
    @Option(names = {"-h", "--file-header", "--headers"},
            description = "The ELF file header; every PE header field, data directory and debug entry; every Mach-O load command.")
    boolean fileHeader;

    @Option(names = {"-l", "--program-headers", "--segments"}, description = "Program headers.")
    boolean programHeaders;

    @Option(names = {"-S", "--section-headers", "--sections"}, description = "Section headers (ELF, PE); segments and sections (Mach-O).")
    boolean sectionHeaders;

    @Option(names = {"-s", "--symbols", "--syms"}, description = ".symtab and .dynsym with symbol versions (ELF); the symbol table (Mach-O).")
    boolean symbols;

    @Option(names = "--dyn-syms", description = ".dynsym only.")
    boolean dynSyms;

    @Option(names = {"-d", "--dynamic"}, description = "The dynamic section.")
    boolean dynamic;

    @Option(names = {"-V", "--version-info"}, description = "Symbol versioning sections.")
    boolean versionInfo;

    @Option(names = {"-n", "--notes"}, description = "Notes.")
    boolean notes;

    @Option(names = {"-i", "--imports"}, description = "Imported DLLs and functions, delay imports (PE); dylibs, rpaths, undefined symbols (Mach-O).")
    boolean imports;

    @Option(names = {"-e", "--exports"}, description = "The export table (PE).")
    boolean exports;

    @Option(names = {"-a", "--all"}, description = "All of the above: -h -l -S -s -d -V -n -i -e.")
    boolean all;

    /** The tables asked for; {@code -a} is every one but {@code --dyn-syms} (which {@code -s} includes). */
    Set<InspectDetail> details() {
        Set<InspectDetail> d = EnumSet.noneOf(InspectDetail.class);
        add(d, fileHeader || all, InspectDetail.FILE_HEADER);
        add(d, programHeaders || all, InspectDetail.PROGRAM_HEADERS);
        add(d, sectionHeaders || all, InspectDetail.SECTION_HEADERS);
        add(d, symbols || all, InspectDetail.SYMBOLS);
        add(d, dynSyms, InspectDetail.DYN_SYMS);
        add(d, dynamic || all, InspectDetail.DYNAMIC);
        add(d, versionInfo || all, InspectDetail.VERSION_INFO);
        add(d, notes || all, InspectDetail.NOTES);
        add(d, imports || all, InspectDetail.IMPORTS);
        add(d, exports || all, InspectDetail.EXPORTS);
        return d;
    }

    private static void add(Set<InspectDetail> d, boolean asked, InspectDetail detail) {
        if (asked) {
            d.add(detail);
        }
    }
}
