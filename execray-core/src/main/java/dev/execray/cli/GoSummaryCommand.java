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
import java.util.Optional;
import dev.execray.report.InputError;
import dev.execray.report.JsonDocument;
import picocli.CommandLine.Model.CommandSpec;

/** {@code execray go FILE...} (summary) and {@code execray go --funcs FILE...}. */
final class GoSummaryCommand {
    private GoSummaryCommand() {
    }

    /** The file's error on standard error and, in JSON, where its result would have been. */
    private static void failed(JsonGenerator g, PrintWriter err, InputError e) {
        err.println("execray: " + e.text());
        if (g != null) {
            try {
                g.writeStartObject();
                g.writeStringField("file", e.path());
                g.writeFieldName("error");
                e.writeError(g);
                g.writeEndObject();
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
        }
    }

    static int run(CommandSpec spec, List<String> files, boolean json, boolean jsonl, boolean funcs) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int code = ExitCode.OK;
        // one JSON document for all files, streamed: a function table can hold hundreds of thousands of entries
        JsonGenerator g = null;
        if (json || jsonl) {
            try {
                g = Json.COMPACT.createGenerator(out);
                if (jsonl) {
                    g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
                } else {
                    g.useDefaultPrettyPrinter();
                    g.writeStartObject();
                    g.writeStringField("schema", JsonDocument.GO.id());
                    g.writeArrayFieldStart("files");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String f : files) {
            ExecutableImage image;
            try {
                image = GoImages.open(ByteSource.open(Path.of(f)));
            } catch (IOException e) {
                failed(g, err, InputError.of(f, e));
                code = ExitCode.BAD_INPUT;
                continue;
            } catch (BinaryFormatException e) {
                failed(g, err, new InputError(f, Optional.empty(), e.getMessage()));
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
                    failed(g, err, new InputError(f, Optional.empty(), e.getMessage()));
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
                    (jsonl ? Json.COMPACT : Json.MAPPER).writeTree(g, GoSummaryRenderer.json(f, s));
                } else {
                    out.print(GoSummaryRenderer.text(f, s));
                }
            } catch (BuildInfoException e) {
                failed(g, err, new InputError(f, Optional.empty(), e.getMessage()));
                code = Math.max(code, ExitCode.FINDING);
            } catch (BinaryFormatException e) {
                failed(g, err, new InputError(f, Optional.empty(), e.getMessage()));
                code = ExitCode.BAD_INPUT;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (g != null) {
            try {
                if (!jsonl) {
                    g.writeEndArray();
                    g.writeEndObject();
                }
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
