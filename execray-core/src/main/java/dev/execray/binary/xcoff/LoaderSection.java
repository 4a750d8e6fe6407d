package dev.execray.binary.xcoff;

import dev.execray.binary.PartialList;
import java.util.List;

/**
 * The loader section (.loader, STYP_LOADER): what the AIX loader reads to bind the program. {@code libraryPath}
 * is import file ID 0 (the search path); {@code imports} the other import file IDs; {@code symbols} the loader
 * symbols, each naming the import file it comes from.
 */
public record LoaderSection(int version, long nsyms, long nreloc, String libraryPath, List<ImportFile> imports,
        PartialList<LoaderSymbol> symbols) {

    /** An import file ID: path, base name and archive member ("libc.a" member "shr_64.o"). */
    public record ImportFile(String path, String base, String member) {
        /** As AIX's dump -H and Go's ImportedLibraries print it: "libc.a/shr_64.o". */
        public String display() {
            String b = path.isEmpty() ? base : path + "/" + base;
            return member.isEmpty() ? b : b + "/" + member;
        }
    }

    /**
     * A loader symbol (LDSYM / LDSYM_64). {@code smtype}: L_EXPORT 0x20, L_ENTRY 0x10, L_IMPORT 0x40, plus the
     * symbol type in the low 3 bits; {@code ifile} is 1-based into the import file IDs when imported.
     */
    public record LoaderSymbol(String name, long value, int scnum, int smtype, int smclas, long ifile, long parm) {
        public boolean imported() {
            return (smtype & 0x40) != 0;
        }

        public boolean exported() {
            return (smtype & 0x20) != 0;
        }
    }
}
