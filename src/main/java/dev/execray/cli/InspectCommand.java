package dev.execray.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.execray.binary.BinaryFile;
import dev.execray.binary.BinaryFormatException;
import dev.execray.report.InspectDetail;
import dev.execray.report.MachOJson;
import dev.execray.report.MachOText;
import dev.execray.report.PeJson;
import dev.execray.report.PeText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Identify and read executables (ELF, PE, Mach-O, scripts): a summary, details behind flags.")
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE")
    List<Path> files;

    @Option(names = "--json", description = "One JSON object per file (an array for several files); see docs/json-schema.md.")
    boolean json;

    @Option(names = {"-S", "--sections"}, description = "Sections (PE); segments and sections (Mach-O).")
    boolean sections;

    @Option(names = {"-i", "--imports"}, description = "Imported DLLs and functions, delay imports (PE); dylibs, rpaths and undefined symbols by dylib (Mach-O).")
    boolean imports;

    @Option(names = {"-e", "--exports"}, description = "The export table (PE).")
    boolean exports;

    @Option(names = {"-s", "--symbols"}, description = "The symbol table (Mach-O); also adds it to --json.")
    boolean symbols;

    @Option(names = {"-H", "--headers", "--load-commands"}, description = "Every header field, data directory and debug entry (PE); every load command (Mach-O).")
    boolean headers;

    @Option(names = {"-a", "--all"}, description = "All of the above.")
    boolean all;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Set<InspectDetail> details = details();
        int code = ExitCode.OK;
        List<JsonNode> documents = new ArrayList<>();
        boolean first = true;
        for (Path f : files) {
            String name = f.toString();
            try {
                BinaryFile file = BinaryFile.open(f);
                if (json) {
                    documents.add(document(name, file, details));
                } else {
                    if (!first) {
                        out.println();
                    }
                    text(name, file, details, out);
                }
                if (hasProblems(file)) {
                    code = ExitCode.BAD_INPUT;
                }
            } catch (BinaryFormatException e) {
                err.println("execray: " + name + ": " + e.getMessage());
                code = ExitCode.BAD_INPUT;
            } catch (IOException e) {
                err.println("execray: " + name + ": " + e.getMessage());
                code = ExitCode.BAD_INPUT;
            }
            first = false;
        }
        if (json) {
            JsonNode doc = documents.size() == 1 ? documents.get(0) : arrayOf(documents);
            out.println(doc.toPrettyString());
        }
        out.flush();
        return code;
    }

    private Set<InspectDetail> details() {
        Set<InspectDetail> d = EnumSet.noneOf(InspectDetail.class);
        if (sections || all) {
            d.add(InspectDetail.SECTIONS);
        }
        if (imports || all) {
            d.add(InspectDetail.IMPORTS);
        }
        if (exports || all) {
            d.add(InspectDetail.EXPORTS);
        }
        if (symbols || all) {
            d.add(InspectDetail.SYMBOLS);
        }
        if (headers || all) {
            d.add(InspectDetail.HEADERS);
        }
        return d;
    }

    private static void text(String name, BinaryFile file, Set<InspectDetail> details, PrintWriter out) {
        if (file instanceof BinaryFile.Pe pe) {
            PeText.render(name, pe.pe(), details, out);
        } else if (file instanceof BinaryFile.MachO m) {
            MachOText.render(name, m.macho(), details, out);
        } else if (file instanceof BinaryFile.Fat fat) {
            MachOText.renderFat(name, fat.fat(), details, out);
        } else {
            out.println(name + ": " + file.format().jsonName() + " (" + describe(file) + ")");
        }
    }

    private static JsonNode document(String name, BinaryFile file, Set<InspectDetail> details) {
        boolean withSymbols = details.contains(InspectDetail.SYMBOLS);
        if (file instanceof BinaryFile.Pe pe) {
            return PeJson.document(name, pe.pe());
        } else if (file instanceof BinaryFile.MachO m) {
            return MachOJson.document(name, m.macho(), withSymbols);
        } else if (file instanceof BinaryFile.Fat fat) {
            return MachOJson.fatDocument(name, fat.fat(), withSymbols);
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("path", name);
        o.put("format", file.format().jsonName());
        o.put("description", describe(file));
        return o;
    }

    private static String describe(BinaryFile file) {
        if (file instanceof BinaryFile.Script s) {
            return s.firstLine();
        }
        if (file instanceof BinaryFile.Unknown u) {
            return u.reason();
        }
        return file.format().jsonName();
    }

    /** Malformations recorded beside partial results: the exit code says the input was not clean. */
    private static boolean hasProblems(BinaryFile file) {
        if (file instanceof BinaryFile.Pe p) {
            var pe = p.pe();
            return !pe.problems().isEmpty() || !pe.imports().isComplete() || !pe.delayImports().isComplete()
                    || pe.exports().problem().isPresent() || !pe.debugEntries().isComplete();
        }
        if (file instanceof BinaryFile.MachO m) {
            return !m.macho().problems().isEmpty() || !m.macho().symbols().isComplete();
        }
        if (file instanceof BinaryFile.Fat f) {
            return !f.fat().problems().isEmpty() || f.fat().slices().stream().anyMatch(s -> s.problem().isPresent()
                    || s.file().map(m -> !m.problems().isEmpty() || !m.symbols().isComplete()).orElse(false));
        }
        return false;
    }

    private static ArrayNode arrayOf(List<JsonNode> documents) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        documents.forEach(a::add);
        return a;
    }
}
