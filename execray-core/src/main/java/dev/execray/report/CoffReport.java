package dev.execray.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.execray.binary.BinaryFile;
import dev.execray.binary.FormatProblem;
import dev.execray.binary.PartialList;
import dev.execray.binary.SpecFlag;
import dev.execray.binary.pe.CoffCharacteristic;
import dev.execray.binary.pe.CoffObjectFile;
import dev.execray.binary.pe.CoffObjectLayout;
import dev.execray.binary.pe.CoffSymbol;
import dev.execray.binary.pe.PeSection;
import dev.execray.binary.pe.SectionCharacteristic;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A bare COFF object in {@code inspect}: machine, the section table with relocation counts, and (with -s, always in
 * JSON) the symbol table, with the numbers llvm-readobj prints for them.
 */
public final class CoffReport {
    private CoffReport() {
    }

    /** "COFF object, x86-64 (IMAGE_FILE_MACHINE_AMD64)". */
    static String headline(CoffObjectFile c) {
        return (c.layout() == CoffObjectLayout.BIG_OBJ ? "COFF bigobj object, " : "COFF object, ") + c.machineName();
    }

    public static void text(String path, CoffObjectFile c, Set<InspectDetail> details, PrintWriter out) {
        PartialList<CoffSymbol> symbols = c.symbols();
        out.println(Escape.text(path + ": " + headline(c) + ", " + c.sections().size() + " section"
                + (c.sections().size() == 1 ? "" : "s") + ", " + c.header().numberOfSymbols() + " symbol-table records"));
        List<String> flags = SpecFlag.names(CoffCharacteristic.values(), c.header().characteristics());
        if (!flags.isEmpty()) {
            out.println(Escape.text("  characteristics " + String.join(" ", flags)));
        }
        TextTable t = new TextTable("  ");
        t.row("[Nr]", "Name", "Size", "Offset", "Relocs", "Characteristics");
        int i = 1;
        for (PeSection s : c.sections()) {
            t.row("[" + i++ + "]", s.name(), Long.toString(s.sizeOfRawData()),
                    String.format("0x%x", s.pointerToRawData()), Long.toString(c.relocationCount(s)),
                    String.format("0x%08x", s.characteristics()));
        }
        t.print(out);
        if (details.contains(InspectDetail.SYMBOLS)) {
            TextTable st = new TextTable("  ");
            st.row("Value", "Section", "Class", "Aux", "Name");
            for (CoffSymbol s : symbols.entries()) {
                st.row(String.format("0x%08x", s.value()), section(s.sectionNumber(), c), Integer.toString(s.storageClass()),
                        Integer.toString(s.numberOfAuxSymbols()), s.name());
            }
            st.print(out);
        }
        TextProblems.print(new BinaryFile.Coff(c).problems(), out);
    }

    /** As llvm-readobj names a symbol's section: UNDEFINED (0), ABSOLUTE (-1), DEBUG (-2), or the section's name. */
    static String section(int number, CoffObjectFile c) {
        return switch (number) {
            case 0 -> "UNDEFINED";
            case -1 -> "ABSOLUTE";
            case -2 -> "DEBUG";
            default -> number > 0 && number <= c.sections().size() ? c.sections().get(number - 1).name() + " (" + number + ")"
                    : "(" + number + ")";
        };
    }

    public static ObjectNode json(String path, CoffObjectFile c) {
        ObjectNode o = Json.object();
        o.put("path", path);
        o.put("format", "coff");
        o.put("bigObj", c.layout() == CoffObjectLayout.BIG_OBJ);
        o.put("machine", c.machineName());
        o.put("machineValue", c.header().machine());
        o.put("timeDateStamp", c.header().timeDateStamp());
        o.put("characteristics", c.header().characteristics());
        o.put("symbolRecords", c.header().numberOfSymbols());
        ArrayNode sections = o.putArray("sections");
        int i = 1;
        for (PeSection s : c.sections()) {
            ObjectNode n = sections.addObject();
            n.put("number", i++);
            n.put("name", s.name());
            n.put("rawDataSize", s.sizeOfRawData());
            n.put("pointerToRawData", s.pointerToRawData());
            n.put("pointerToRelocations", s.pointerToRelocations());
            n.put("relocations", c.relocationCount(s));
            n.put("characteristics", s.characteristics());
            ArrayNode names = n.putArray("characteristicNames");
            SpecFlag.names(SectionCharacteristic.values(), s.characteristics()).forEach(names::add);
        }
        ArrayNode symbols = o.putArray("symbols");
        for (CoffSymbol s : c.symbols().entries()) {
            ObjectNode n = symbols.addObject();
            n.put("name", s.name());
            n.put("value", s.value());
            n.put("section", s.sectionNumber());
            n.put("type", s.type());
            n.put("storageClass", s.storageClass());
            n.put("auxSymbols", s.numberOfAuxSymbols());
        }
        ArrayNode problems = o.putArray("problems");
        for (FormatProblem p : new BinaryFile.Coff(c).problems()) {
            problems.add(JsonValues.problem(p));
        }
        return o;
    }
}
