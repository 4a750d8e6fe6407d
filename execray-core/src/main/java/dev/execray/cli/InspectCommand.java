package dev.execray.cli;

import dev.execray.binary.BinaryFile;
import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.FileFormat;
import dev.execray.binary.Magic;
import dev.execray.report.InputError;
import dev.execray.report.InspectDetail;
import dev.execray.report.InspectJson;
import dev.execray.report.InspectOutput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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

    @Mixin
    InspectDetailOptions tables;

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
        Set<InspectDetail> details = tables.details();
        if (filesFrom != null) {
            files.addAll(listedFiles(filesFrom));
        }
        if (files.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no FILE given");
        }
        // standard output takes JSON's UTF-8 bytes directly; other writers (tests) get chars
        InspectOutput output = !(json || jsonl) ? InspectOutput.text(out)
                : out instanceof StdoutWriter stdout ? new InspectJson(stdout.bytes(), jsonl) : new InspectJson(out, jsonl);
        int code = ExitCode.OK;
        for (Path f : files) {
            String path = f.toString();
            try {
                BinaryFile file = BinaryFile.open(f);
                output.write(path, file, details);
                if (!file.problems().isEmpty()) {
                    err.println("execray: " + path + ": " + file.problems().get(0).message());
                    code = ExitCode.BAD_INPUT;
                }
            } catch (BinaryFormatException e) {
                output.malformed(path, formatOf(f), e);
                err.println("execray: " + path + ": " + e.getMessage());
                code = ExitCode.BAD_INPUT;
            } catch (IOException e) {
                InputError error = InputError.of(path, e);
                output.unreadable(error);
                err.println("execray: " + error.text());
                code = ExitCode.BAD_INPUT;
            }
            out.flush();
        }
        output.finish();
        out.flush();
        return code;
    }

    private static List<Path> listedFiles(Path list) throws IOException {
        try (BufferedReader r = list.toString().equals("-")
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(list, StandardCharsets.UTF_8)) {
            List<Path> listed = new ArrayList<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isEmpty()) {
                    listed.add(Path.of(line));
                }
            }
            return listed;
        }
    }

    /** The format the magic names, for a file whose header then could not be read. */
    private static FileFormat formatOf(Path f) {
        try {
            return Magic.detect(ByteSource.head(f, Magic.HEAD_SIZE)).format();
        } catch (IOException e) {
            return FileFormat.UNKNOWN;
        }
    }
}
