package dev.execray.report;

import static dev.execray.report.JsonValues.NODES;
import static dev.execray.report.JsonValues.flags;
import static dev.execray.report.JsonValues.unsigned;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.execray.binary.FormatProblem;
import dev.execray.binary.PartialList;
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
import dev.execray.binary.pe.ExportTable;
import dev.execray.binary.pe.ImportedDll;
import dev.execray.binary.pe.ImportedFunction;
import dev.execray.binary.pe.OptionalHeader;
import dev.execray.binary.pe.PeFile;
import dev.execray.binary.pe.PeMachine;
import dev.execray.binary.pe.PeSection;
import dev.execray.binary.pe.SectionCharacteristic;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code "pe"} object of {@code execray inspect --json} (docs/json-schema.md, section "pe"):
 * every header field, the sections, imports, delay imports, exports and debug directory, and the
 * problems met reading them. Everything is always present, so scripts need no flags.
 */
public final class PeJson {
    private PeJson() {
    }

    /** The whole document for one file: {@code {"path", "format": "pe", "pe": {...}}}. */
    public static ObjectNode document(String path, PeFile pe) {
        ObjectNode o = NODES.objectNode();
        o.put("path", path);
        o.put("format", "pe");
        o.set("pe", pe(pe));
        return o;
    }

    public static ObjectNode pe(PeFile pe) {
        CoffHeader c = pe.coffHeader();
        OptionalHeader h = pe.optionalHeader();
        List<FormatProblem> problems = new ArrayList<>(pe.problems());
        ObjectNode o = NODES.objectNode();
        o.put("kind", h.formatName());
        ObjectNode machine = NODES.objectNode();
        machine.put("value", c.machine());
        machine.put("name", PeMachine.describe(c.machine()));
        machine.put("short", PeMachine.shortName(c.machine()));
        o.set("machine", machine);
        o.put("dll", pe.isDll());
        o.set("characteristics", flags(c.characteristics(), SpecFlag.names(CoffCharacteristic.values(), c.characteristics())));
        o.put("timeDateStamp", c.timeDateStamp());
        o.put("pointerToSymbolTable", c.pointerToSymbolTable());
        o.put("numberOfSymbols", c.numberOfSymbols());
        ObjectNode subsystem = NODES.objectNode();
        subsystem.put("value", h.subsystem());
        subsystem.put("name", h.subsystemName());
        subsystem.put("version", h.subsystemVersion());
        o.set("subsystem", subsystem);
        o.put("operatingSystemVersion", h.operatingSystemVersion());
        o.put("imageVersion", h.imageVersion());
        o.put("linkerVersion", h.linkerVersion());
        o.set("dllCharacteristics", flags(h.dllCharacteristics(),
                SpecFlag.names(DllCharacteristic.values(), h.dllCharacteristics())));
        o.set("imageBase", unsigned(h.imageBase()));
        o.put("addressOfEntryPoint", h.addressOfEntryPoint());
        o.put("sectionAlignment", h.sectionAlignment());
        o.put("fileAlignment", h.fileAlignment());
        o.put("sizeOfImage", h.sizeOfImage());
        o.put("sizeOfHeaders", h.sizeOfHeaders());
        o.put("checkSum", h.checkSum());
        o.set("sizeOfStackReserve", unsigned(h.sizeOfStackReserve()));
        o.set("sizeOfStackCommit", unsigned(h.sizeOfStackCommit()));
        o.set("sizeOfHeapReserve", unsigned(h.sizeOfHeapReserve()));
        o.set("sizeOfHeapCommit", unsigned(h.sizeOfHeapCommit()));
        o.put("numberOfRvaAndSizes", h.numberOfRvaAndSizes());
        o.set("dataDirectories", directories(h));
        o.set("signature", pe.certificateTable().map(d -> {
            ObjectNode s = NODES.objectNode();
            s.put("offset", d.virtualAddress());
            s.put("size", d.size());
            return (com.fasterxml.jackson.databind.JsonNode) s;
        }).orElse(NODES.nullNode()));
        o.set("sections", sections(pe.peSections()));
        PartialList<ImportedDll> imports = pe.imports();
        o.set("imports", imports(imports.entries()));
        problems.addAll(imports.problems());
        PartialList<DelayImportedDll> delay = pe.delayImports();
        o.set("delayImports", delayImports(delay.entries()));
        problems.addAll(delay.problems());
        ExportTable exports = pe.exports();
        o.set("exports", exports.directory().map(PeJson::exports)
                .map(n -> (com.fasterxml.jackson.databind.JsonNode) n).orElse(NODES.nullNode()));
        problems.addAll(exports.problems());
        PartialList<DebugEntry> debug = pe.debugEntries();
        o.set("debug", debug(debug.entries()));
        problems.addAll(debug.problems());
        o.set("problems", JsonValues.problems(problems));
        return o;
    }

    private static ArrayNode directories(OptionalHeader h) {
        ArrayNode a = NODES.arrayNode();
        for (DataDirectory d : h.dataDirectories()) {
            if (!d.present()) {
                continue;
            }
            ObjectNode e = NODES.objectNode();
            e.put("index", d.index());
            e.put("name", d.kind().map(k -> k.specName()).orElse("IMAGE_DIRECTORY_ENTRY_" + d.index()));
            e.put("virtualAddress", d.virtualAddress());
            e.put("size", d.size());
            a.add(e);
        }
        return a;
    }

    private static ArrayNode sections(List<PeSection> sections) {
        ArrayNode a = NODES.arrayNode();
        for (PeSection s : sections) {
            ObjectNode e = NODES.objectNode();
            e.put("name", s.name());
            if (!s.name().equals(s.headerName())) {
                e.put("headerName", s.headerName());
            }
            e.put("virtualAddress", s.virtualAddress());
            e.put("virtualSize", s.virtualSize());
            e.put("pointerToRawData", s.pointerToRawData());
            e.put("sizeOfRawData", s.sizeOfRawData());
            e.set("characteristics", flags(s.characteristics(),
                    SpecFlag.names(SectionCharacteristic.values(), s.characteristics() & ~SectionCharacteristic.ALIGN_MASK)));
            a.add(e);
        }
        return a;
    }

    private static ArrayNode functions(List<ImportedFunction> functions) {
        ArrayNode a = NODES.arrayNode();
        for (ImportedFunction f : functions) {
            ObjectNode e = NODES.objectNode();
            if (f instanceof ImportedFunction.ByName n) {
                e.put("name", n.name());
                e.put("hint", n.hint());
            } else {
                e.put("ordinal", ((ImportedFunction.ByOrdinal) f).ordinal());
            }
            a.add(e);
        }
        return a;
    }

    private static ArrayNode imports(List<ImportedDll> dlls) {
        ArrayNode a = NODES.arrayNode();
        for (ImportedDll d : dlls) {
            ObjectNode e = NODES.objectNode();
            e.put("dll", d.name());
            e.put("importLookupTableRva", d.importLookupTableRva());
            e.put("importAddressTableRva", d.importAddressTableRva());
            e.put("timeDateStamp", d.timeDateStamp());
            e.set("functions", functions(d.functions()));
            a.add(e);
        }
        return a;
    }

    private static ArrayNode delayImports(List<DelayImportedDll> dlls) {
        ArrayNode a = NODES.arrayNode();
        for (DelayImportedDll d : dlls) {
            ObjectNode e = NODES.objectNode();
            e.put("dll", d.name());
            e.put("attributes", d.attributes());
            e.put("moduleHandleRva", d.moduleHandleRva());
            e.put("importAddressTableRva", d.importAddressTableRva());
            e.put("importNameTableRva", d.importNameTableRva());
            e.set("functions", functions(d.functions()));
            a.add(e);
        }
        return a;
    }

    private static ObjectNode exports(ExportDirectory d) {
        ObjectNode o = NODES.objectNode();
        o.put("dll", d.name());
        o.put("ordinalBase", d.ordinalBase());
        o.put("numberOfFunctions", d.numberOfFunctions());
        o.put("numberOfNames", d.numberOfNames());
        o.put("timeDateStamp", d.timeDateStamp());
        o.put("version", d.majorVersion() + "." + d.minorVersion());
        ArrayNode a = NODES.arrayNode();
        for (Export x : d.exports()) {
            ObjectNode e = NODES.objectNode();
            e.put("ordinal", x.ordinal());
            e.set("names", JsonValues.strings(x.names()));
            e.put("rva", x.rva());
            x.forwarder().ifPresent(f -> e.put("forwarder", f));
            a.add(e);
        }
        o.set("exports", a);
        return o;
    }

    private static ArrayNode debug(List<DebugEntry> entries) {
        ArrayNode a = NODES.arrayNode();
        for (DebugEntry d : entries) {
            ObjectNode e = NODES.objectNode();
            e.put("type", d.type());
            e.put("name", d.typeName());
            e.put("timeDateStamp", d.timeDateStamp());
            e.put("sizeOfData", d.sizeOfData());
            e.put("addressOfRawData", d.addressOfRawData());
            e.put("pointerToRawData", d.pointerToRawData());
            d.codeView().ifPresent(cv -> e.set("codeView", codeView(cv)));
            a.add(e);
        }
        return a;
    }

    private static ObjectNode codeView(CodeViewInfo cv) {
        ObjectNode o = NODES.objectNode();
        o.put("signature", cv.signature());
        o.put("guid", cv.guid());
        o.put("age", cv.age());
        o.put("pdb", cv.pdbPath());
        return o;
    }
}
