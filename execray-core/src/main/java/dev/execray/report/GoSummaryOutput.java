package dev.execray.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.execray.golang.FunctionTable;
import dev.execray.golang.GoFunction;
import dev.execray.golang.GoSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code go} (the summary) and {@code go --funcs} write each file's result, in the order read: text, one JSON
 * document {@code {"schema", "files": [...]}} streamed (a function table can hold hundreds of thousands of entries),
 * or JSON Lines. A file that failed has its error where its result would have been.
 */
public final class GoSummaryOutput {
    private final PrintWriter out;
    private final JsonGenerator g;
    private final boolean lines;

    public GoSummaryOutput(PrintWriter out, boolean json, boolean jsonl) {
        this.out = out;
        this.lines = jsonl;
        if (!json && !jsonl) {
            this.g = null;
            return;
        }
        try {
            g = Json.COMPACT.createGenerator(out);
            if (jsonl) {
                g.setRootValueSeparator(new SerializedString("\n"));
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

    public void summary(String file, GoSummary s) {
        try {
            if (g != null) {
                (lines ? Json.COMPACT : Json.MAPPER).writeTree(g, GoSummaryRenderer.json(file, s));
            } else {
                out.print(GoSummaryRenderer.text(file, s));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void functions(String file, FunctionTable t, Optional<List<GoFunction>> initOrder) {
        try {
            if (g != null) {
                GoSummaryRenderer.functionsJson(g, file, t, initOrder);
            } else {
                GoSummaryRenderer.functionsText(out, file, t, initOrder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** In JSON, the file's error where its result would have been; nothing in text (standard error says it). */
    public void failed(InputError e) {
        if (g == null) {
            return;
        }
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

    /** Ends the document (or the last line) and flushes. */
    public void finish() {
        if (g != null) {
            try {
                if (!lines) {
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
    }
}
