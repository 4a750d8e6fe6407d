package dev.execray.cli;

import dev.execray.binary.BinaryFile;
import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.FileFormat;
import dev.execray.binary.FormatProblem;
import dev.execray.binary.Magic;
import dev.execray.report.InspectDetail;
import dev.execray.report.InputError;
import dev.execray.report.InspectJson;
import dev.execray.report.InspectText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "inspect",
        description = {"Identify and read executables: a summary per file, readelf-like tables behind flags.",
            "Files are read, never executed. Malformed files are reported on stderr (exit code 3);",
            "what could still be read is printed."},
        sortOptions = false)
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

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

    @Option(names = "--json", description = "One JSON document: {\"schema\", \"files\": [...]}, a file per line "
            + "(docs/json-schema.md).")
    boolean json;

    @Option(names = "--jsonl", description = "JSON Lines: one object per file and line, as each file is read.")
    boolean jsonl;

    @Option(names = "--files-from", paramLabel = "LIST",
            description = "Also inspect the files named in LIST, one path per line (- for standard input).")
    Path filesFrom;

    @Parameters(arity = "0..*", paramLabel = "FILE")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Set<InspectDetail> details = details();
        if (filesFrom != null) {
            files.addAll(listedFiles(filesFrom));
        }
        if (files.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no FILE given");
        }
        int code = ExitCode.OK;
        InspectJson jsonOut = null;
        json |= jsonl;
        if (json) {
            // standard output takes the UTF-8 bytes directly; other writers (tests) get chars
            jsonOut = out instanceof StdoutWriter stdout
                    ? new InspectJson(stdout.bytes(), jsonl) : new InspectJson(out, jsonl);
        }
        boolean printed = false;
        for (Path f : files) {
            String path = f.toString();
            try {
                BinaryFile file = BinaryFile.open(f);
                if (json) {
                    jsonOut.write(path, file, details);
                } else {
                    if (printed) {
                        out.println();
                    }
                    InspectText.render(path, file, details, out);
                    printed = true;
                }
                List<FormatProblem> problems = file.problems();
                if (!problems.isEmpty()) {
                    err.println("execray: " + path + ": " + problems.get(0).message());
                    code = ExitCode.BAD_INPUT;
                }
            } catch (BinaryFormatException e) {
                FileFormat format = detect(f);
                if (json) {
                    jsonOut.malformed(path, format, e);
                } else {
                    if (printed) {
                        out.println();
                    }
                    out.println(path + ": " + format.jsonName() + ", header cannot be read");
                    printed = true;
                }
                err.println("execray: " + path + ": " + e.getMessage());
                code = ExitCode.BAD_INPUT;
            } catch (IOException e) {
                unreadable(jsonOut, InputError.of(path, e), err);
                code = ExitCode.BAD_INPUT;
            }
            out.flush();
        }
        if (jsonOut != null) {
            jsonOut.finish();
        }
        out.flush();
        return code;
    }

    private static List<Path> listedFiles(Path list) throws IOException {
        List<Path> out = new ArrayList<>();
        try (BufferedReader r = list.toString().equals("-")
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(list, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isEmpty()) {
                    out.add(Path.of(line));
                }
            }
        }
        return out;
    }

    private Set<InspectDetail> details() {
        Set<InspectDetail> d = EnumSet.noneOf(InspectDetail.class);
        if (fileHeader || all) {
            d.add(InspectDetail.FILE_HEADER);
        }
        if (programHeaders || all) {
            d.add(InspectDetail.PROGRAM_HEADERS);
        }
        if (sectionHeaders || all) {
            d.add(InspectDetail.SECTION_HEADERS);
        }
        if (symbols || all) {
            d.add(InspectDetail.SYMBOLS);
        }
        if (dynSyms) {
            d.add(InspectDetail.DYN_SYMS);
        }
        if (dynamic || all) {
            d.add(InspectDetail.DYNAMIC);
        }
        if (versionInfo || all) {
            d.add(InspectDetail.VERSION_INFO);
        }
        if (notes || all) {
            d.add(InspectDetail.NOTES);
        }
        if (imports || all) {
            d.add(InspectDetail.IMPORTS);
        }
        if (exports || all) {
            d.add(InspectDetail.EXPORTS);
        }
        return d;
    }

    private static FileFormat detect(Path f) {
        try {
            return Magic.detect(ByteSource.head(f, Magic.HEAD_SIZE)).format();
        } catch (IOException e) {
            return FileFormat.UNKNOWN;
        }
    }

    private void unreadable(InspectJson jsonOut, InputError error, PrintWriter err) throws IOException {
        if (jsonOut != null) {
            jsonOut.unreadable(error);
        }
        err.println("execray: " + error.text());
    }
}
