package dev.execray.cli;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.ExecutableImage;
import dev.execray.golang.BuildInfoException;
import dev.execray.golang.BuildInfoReader;
import dev.execray.golang.FunctionTable;
import dev.execray.golang.GoBuildInfo;
import dev.execray.golang.GoSummary;
import dev.execray.golang.InitOrder;
import dev.execray.golang.PclntabReader;
import dev.execray.golang.GoImages;
import dev.execray.report.GoSummaryRenderer;
import dev.execray.report.Json;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code execray go FILE...} (summary) and {@code execray go --funcs FILE...}. */
final class GoSummaryCommand {
    private GoSummaryCommand() {
    }

    static int run(CommandSpec spec, List<String> files, boolean json, boolean funcs) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int code = ExitCode.OK;
        // one JSON array for all files, streamed: a function table can hold hundreds of thousands of entries
        JsonGenerator g = null;
        if (json) {
            try {
                g = Json.MAPPER.createGenerator(out).useDefaultPrettyPrinter();
                g.writeStartArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String f : files) {
            ExecutableImage image;
            try {
                image = GoImages.open(ByteSource.open(Path.of(f)));
            } catch (java.nio.file.NoSuchFileException e) {
                err.println("execray: " + f + ": no such file");
                code = ExitCode.BAD_INPUT;
                continue;
            } catch (IOException e) {
                err.println("execray: " + f + ": " + e.getMessage());
                code = ExitCode.BAD_INPUT;
                continue;
            } catch (BinaryFormatException e) {
                err.println("execray: " + f + ": " + e.getMessage());
                code = ExitCode.BAD_INPUT;
                continue;
            }
            if (funcs) {
                try {
                    FunctionTable t = PclntabReader.read(image);
                    var order = InitOrder.read(image, t);
                    if (g != null) {
                        GoSummaryRenderer.functionsJson(g, f, t, order);
                    } else {
                        GoSummaryRenderer.functionsText(out, f, t, order);
                    }
                } catch (BinaryFormatException e) {
                    err.println("execray: " + f + ": " + e.getMessage());
                    code = ExitCode.BAD_INPUT;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                continue;
            }
            try {
                GoBuildInfo bi = BuildInfoReader.readOrRecover(image);
                GoSummary s = GoSummary.of(image, bi);
                if (g != null) {
                    Json.MAPPER.writeTree(g, GoSummaryRenderer.json(f, s));
                } else {
                    out.print(GoSummaryRenderer.text(f, s));
                }
            } catch (BuildInfoException e) {
                err.println("execray: " + f + ": " + e.getMessage());
                code = Math.max(code, ExitCode.FINDING);
            } catch (BinaryFormatException e) {
                err.println("execray: " + f + ": " + e.getMessage());
                code = ExitCode.BAD_INPUT;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (g != null) {
            try {
                g.writeEndArray();
                g.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.println();
        }
        out.flush();
        return code;
    }
}
