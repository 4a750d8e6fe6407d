package dev.execray.report;

import dev.execray.binary.FormatProblem;
import dev.execray.binary.SpecFlag;
import dev.execray.binary.pe.CodeViewInfo;
import dev.execray.binary.pe.CoffCharacteristic;
import dev.execray.binary.pe.CoffHeader;
import dev.execray.binary.pe.DataDirectory;
import dev.execray.binary.pe.DebugEntry;
import dev.execray.binary.pe.DelayImportedDll;
import dev.execray.binary.pe.DllCharacteristic;
import dev.execray.binary.pe.Export;
import dev.execray.binary.pe.ExportDirectory;
import dev.execray.binary.pe.ImportedDll;
import dev.execray.binary.pe.ImportedFunction;
import dev.execray.binary.pe.OptionalHeader;
import dev.execray.binary.pe.PeFile;
import dev.execray.binary.pe.PeMachine;
import dev.execray.binary.pe.PeSection;
import dev.execray.binary.pe.SectionCharacteristic;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code execray inspect} for a PE file, in the spirit of {@code objdump -p}: a summary first (what
 * it is, what runs it, what it needs, which PDB, whether it carries a signature), then the tables
 * asked for.
 */
public final class PeText {
    private PeText() {
    }

    public static void render(String path, PeFile pe, Set<InspectDetail> details, PrintWriter out) {
        CoffHeader c = pe.coffHeader();
        OptionalHeader h = pe.optionalHeader();
        List<FormatProblem> problems = new ArrayList<>(pe.problems());
        out.println(Escape.line(path + ": " + h.formatName() + " " + (pe.isDll() ? "DLL" : "executable") + ", "
                + PeMachine.shortName(c.machine()) + ", " + subsystemWords(h)));
        TextTable t = new TextTable("  ");
        t.row("machine", PeMachine.describe(c.machine()) + String.format(" (0x%x)", c.machine()));
        t.row("type", String.join(" ", strip(SpecFlag.names(CoffCharacteristic.values(), c.characteristics()), "IMAGE_FILE_")));
        t.row("subsystem", h.subsystemName() + " " + h.subsystemVersion());
        t.row("os version", h.operatingSystemVersion() + "   image version " + h.imageVersion() + "   linker "
                + h.linkerVersion());
        t.row("entry", "0x" + Long.toHexString(h.addressOfEntryPoint()) + "   image base 0x"
                + Long.toHexString(h.imageBase()));
        List<String> dll = strip(SpecFlag.names(DllCharacteristic.values(), h.dllCharacteristics()),
                "IMAGE_DLLCHARACTERISTICS_");
        t.row("dll chars", dll.isEmpty() ? "none" : String.join(" ", dll));
        var imports = pe.imports();
        problems.addAll(imports.problems());
        t.row("imports", imports.entries().isEmpty() ? "none" : imports.entries().stream()
                .map(d -> d.name() + " (" + d.functions().size() + ")").collect(Collectors.joining(", ")));
        var delay = pe.delayImports();
        problems.addAll(delay.problems());
        if (!delay.entries().isEmpty()) {
            t.row("delay", delay.entries().stream().map(d -> d.name() + " (" + d.functions().size() + ")")
                    .collect(Collectors.joining(", ")));
        }
        var exports = pe.exports();
        problems.addAll(exports.problems());
        exports.directory().ifPresent(d -> t.row("exports", exportSummary(d)));
        var debug = pe.debugEntries();
        problems.addAll(debug.problems());
        pe.codeView().ifPresent(cv -> t.row("pdb", pdb(cv)));
        t.row("signed", pe.certificateTable().map(d -> "certificate table, " + d.size() + " bytes at 0x"
                + Long.toHexString(d.virtualAddress()) + " (not verified)").orElse("no"));
        t.print(out);
        if (details.contains(InspectDetail.FILE_HEADER)) {
            headers(pe, out);
        }
        if (details.contains(InspectDetail.SECTION_HEADERS)) {
            sections(pe.peSections(), out);
        }
        if (details.contains(InspectDetail.IMPORTS)) {
            imports(imports.entries(), out);
            delayImports(delay.entries(), out);
        }
        if (details.contains(InspectDetail.EXPORTS)) {
            exports.directory().ifPresentOrElse(d -> exports(d, out), () -> {
                out.println();
                out.println(Escape.line("Exports: none"));
            });
        }
        if (details.contains(InspectDetail.FILE_HEADER) && !debug.entries().isEmpty()) {
            debug(debug.entries(), out);
        }
        TextProblems.print(problems, out);
    }

    private static String subsystemWords(OptionalHeader h) {
        return switch (h.subsystem()) {
            case 2 -> "Windows GUI";
            case 3 -> "Windows console";
            case 1 -> "native (driver)";
            case 10 -> "EFI application";
            case 11 -> "EFI boot service driver";
            case 12 -> "EFI runtime driver";
            default -> h.subsystemName();
        };
    }

    private static String exportSummary(ExportDirectory d) {
        long named = d.exports().stream().filter(e -> !e.names().isEmpty()).count();
        long forwarded = d.exports().stream().filter(e -> e.forwarder().isPresent()).count();
        String s = (d.name().isEmpty() ? "" : d.name() + ": ") + d.exports().size() + " (" + named + " named, "
                + (d.exports().size() - named) + " by ordinal only";
        return s + (forwarded > 0 ? ", " + forwarded + " forwarded)" : ")");
    }

    private static String pdb(CodeViewInfo cv) {
        if (cv.signature().equals("RSDS")) {
            return cv.pdbPath() + "   {" + cv.guid() + "} age " + cv.age();
        }
        if (cv.signature().equals("NB10")) {
            return cv.pdbPath() + "   signature " + cv.guid() + " age " + cv.age() + " (NB10)";
        }
        return "CodeView record " + cv.signature();
    }

    static List<String> strip(List<String> names, String prefix) {
        return names.stream().map(n -> n.startsWith(prefix) ? n.substring(prefix.length()) : n).toList();
    }

    private static void headers(PeFile pe, PrintWriter out) {
        CoffHeader c = pe.coffHeader();
        OptionalHeader h = pe.optionalHeader();
        out.println();
        out.println(Escape.line("Headers:"));
        TextTable t = new TextTable("  ");
        t.row("e_lfanew", hex(pe.peHeaderOffset()));
        t.row("Machine", PeMachine.describe(c.machine()));
        t.row("NumberOfSections", Integer.toString(c.numberOfSections()));
        t.row("TimeDateStamp", hex(c.timeDateStamp()));
        t.row("PointerToSymbolTable", hex(c.pointerToSymbolTable()));
        t.row("NumberOfSymbols", Long.toString(c.numberOfSymbols()));
        t.row("SizeOfOptionalHeader", Integer.toString(c.sizeOfOptionalHeader()));
        t.row("Characteristics", hex(c.characteristics()));
        t.row("Magic", hex(h.magic()) + " (" + h.formatName() + ")");
        t.row("LinkerVersion", h.linkerVersion());
        t.row("SizeOfCode", hex(h.sizeOfCode()));
        t.row("SizeOfInitializedData", hex(h.sizeOfInitializedData()));
        t.row("SizeOfUninitializedData", hex(h.sizeOfUninitializedData()));
        t.row("AddressOfEntryPoint", hex(h.addressOfEntryPoint()));
        t.row("BaseOfCode", hex(h.baseOfCode()));
        h.baseOfData().ifPresent(b -> t.row("BaseOfData", hex(b)));
        t.row("ImageBase", hex(h.imageBase()));
        t.row("SectionAlignment", hex(h.sectionAlignment()));
        t.row("FileAlignment", hex(h.fileAlignment()));
        t.row("OperatingSystemVersion", h.operatingSystemVersion());
        t.row("ImageVersion", h.imageVersion());
        t.row("SubsystemVersion", h.subsystemVersion());
        t.row("Win32VersionValue", hex(h.win32VersionValue()));
        t.row("SizeOfImage", hex(h.sizeOfImage()));
        t.row("SizeOfHeaders", hex(h.sizeOfHeaders()));
        t.row("CheckSum", hex(h.checkSum()));
        t.row("Subsystem", h.subsystemName());
        t.row("DllCharacteristics", hex(h.dllCharacteristics()));
        t.row("SizeOfStackReserve", hex(h.sizeOfStackReserve()));
        t.row("SizeOfStackCommit", hex(h.sizeOfStackCommit()));
        t.row("SizeOfHeapReserve", hex(h.sizeOfHeapReserve()));
        t.row("SizeOfHeapCommit", hex(h.sizeOfHeapCommit()));
        t.row("LoaderFlags", hex(h.loaderFlags()));
        t.row("NumberOfRvaAndSizes", Long.toString(h.numberOfRvaAndSizes()));
        t.print(out);
        out.println();
        out.println(Escape.line("Data directories:"));
        TextTable d = new TextTable("  ");
        for (DataDirectory dd : h.dataDirectories()) {
            d.row(Integer.toString(dd.index()), dd.kind().map(k -> k.specName()).orElse("?"),
                    dd.present() ? hex(dd.virtualAddress()) : "-", dd.present() ? hex(dd.size()) : "");
        }
        d.print(out);
    }

    private static void sections(List<PeSection> sections, PrintWriter out) {
        out.println();
        out.println(Escape.line("Sections:"));
        TextTable t = new TextTable("  ");
        t.row("#", "name", "vaddr", "vsize", "rawptr", "rawsize", "characteristics");
        int i = 0;
        for (PeSection s : sections) {
            String name = s.name().equals(s.headerName()) ? s.name() : s.name() + " (" + s.headerName() + ")";
            List<String> flags = strip(SpecFlag.names(SectionCharacteristic.values(),
                    s.characteristics() & ~SectionCharacteristic.ALIGN_MASK), "IMAGE_SCN_");
            int align = SectionCharacteristic.alignment(s.characteristics());
            List<String> all = new ArrayList<>(flags);
            if (align != 0) {
                all.add("ALIGN_" + align + "BYTES");
            }
            t.row(Integer.toString(i++), name, hex(s.virtualAddress()), hex(s.virtualSize()), hex(s.pointerToRawData()),
                    hex(s.sizeOfRawData()), String.join(" ", all));
        }
        t.print(out);
    }

    private static void imports(List<ImportedDll> dlls, PrintWriter out) {
        out.println();
        out.println(Escape.line("Imports:" + (dlls.isEmpty() ? " none" : "")));
        for (ImportedDll d : dlls) {
            out.println(Escape.line("  " + d.name()));
            functions(d.functions(), out);
        }
    }

    private static void delayImports(List<DelayImportedDll> dlls, PrintWriter out) {
        if (dlls.isEmpty()) {
            return;
        }
        out.println();
        out.println(Escape.line("Delay imports:"));
        for (DelayImportedDll d : dlls) {
            out.println(Escape.line("  " + d.name()));
            functions(d.functions(), out);
        }
    }

    private static void functions(List<ImportedFunction> functions, PrintWriter out) {
        TextTable t = new TextTable("      ");
        for (ImportedFunction f : functions) {
            if (f instanceof ImportedFunction.ByName n) {
                t.row("hint " + n.hint(), n.name());
            } else {
                t.row("ordinal", Integer.toString(((ImportedFunction.ByOrdinal) f).ordinal()));
            }
        }
        t.print(out);
    }

    private static void exports(ExportDirectory d, PrintWriter out) {
        out.println();
        out.println(Escape.line("Exports: " + (d.name().isEmpty() ? "(no DLL name)" : d.name()) + ", ordinal base "
                + d.ordinalBase() + ", " + d.numberOfFunctions() + " functions, " + d.numberOfNames() + " names"));
        TextTable t = new TextTable("  ");
        t.row("ordinal", "rva", "name");
        for (Export e : d.exports()) {
            String name = e.names().isEmpty() ? "(by ordinal only)" : String.join(", ", e.names());
            t.row(Long.toString(e.ordinal()), hex(e.rva()), name + e.forwarder().map(f -> " -> " + f).orElse(""));
        }
        t.print(out);
    }

    private static void debug(List<DebugEntry> entries, PrintWriter out) {
        out.println();
        out.println(Escape.line("Debug directory:"));
        TextTable t = new TextTable("  ");
        for (DebugEntry e : entries) {
            t.row(e.typeName(), "size " + hex(e.sizeOfData()), "rva " + hex(e.addressOfRawData()),
                    "offset " + hex(e.pointerToRawData()), e.codeView().map(PeText::pdb).orElse(""));
        }
        t.print(out);
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
