package dev.execray.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.execray.binary.BinaryFile;
import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.FileFormat;
import dev.execray.binary.FormatProblem;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.Set;

/**
 * {@code execray inspect --json} and {@code --jsonl}: one compact object per file, written as each file is read,
 * so that any number of files streams in constant memory. {@code --json} frames them as one document,
 * {@code {"schema": "execray-inspect/2", "files": [...]}} with a file per line; {@code --jsonl} writes the bare
 * objects one per line, for consumers that process results as they come (docs/json-schema.md).
 */
public final class InspectJson implements InspectOutput, Closeable, Flushable {
    private static final JsonFactory FACTORY = JsonEscapes.on(new JsonFactory());

    /** Writes the PE and Mach-O trees; loaded on first use, so that ELF-only runs never load databind. */
    private static final class Trees {
        static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();
    }

    private final JsonGenerator g;
    private final boolean lines;

    /** JSON written as UTF-8 bytes: the fast way, for standard output; {@code lines} for JSON Lines. */
    public InspectJson(OutputStream out, boolean lines) throws IOException {
        this(FACTORY.createGenerator(out, JsonEncoding.UTF8), lines);
    }

    /** JSON written as chars, for callers that only have a Writer. */
    public InspectJson(Writer out, boolean lines) throws IOException {
        this(FACTORY.createGenerator(out), lines);
    }

    private InspectJson(JsonGenerator generator, boolean lines) throws IOException {
        g = generator;
        this.lines = lines;
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        if (lines) {
            // JSON Lines: compact objects with a newline between them (a pretty printer would cost on every value)
            g.setRootValueSeparator(new SerializedString("\n"));
        } else {
            g.setPrettyPrinter(new FilePerLine());
            g.writeStartObject();
            g.writeStringField("schema", JsonDocument.INSPECT.id());
            g.writeArrayFieldStart("files");
        }
    }

    /** Compact, but each element of the document's {@code files} list on a line of its own. */
    private static final class FilePerLine extends MinimalPrettyPrinter {
        @Override
        public void beforeArrayValues(JsonGenerator gen) throws IOException {
            if (filesList(gen)) {
                gen.writeRaw('\n');
            }
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator gen) throws IOException {
            gen.writeRaw(filesList(gen) ? ",\n" : ",");
        }

        @Override
        public void writeEndArray(JsonGenerator gen, int nrOfValues) throws IOException {
            if (filesList(gen) && nrOfValues > 0) {
                gen.writeRaw('\n');
            }
            gen.writeRaw(']');
        }

        private static boolean filesList(JsonGenerator gen) {
            JsonStreamContext c = gen.getOutputContext();
            return c.inArray() && c.getParent() != null && c.getParent().inObject()
                    && c.getParent().getParent() != null && c.getParent().getParent().inRoot();
        }
    }

    /** One file that was identified and read (fully or partly). */
    @Override
    public void write(String path, BinaryFile file, Set<InspectDetail> details) throws IOException {
        boolean withSymbols = details.contains(InspectDetail.SYMBOLS);
        if (file instanceof BinaryFile.Elf e) {
            ElfJson.write(g, path, e.elf(), details);
        } else if (file instanceof BinaryFile.Pe pe) {
            Trees.MAPPER.writeTree(g, PeJson.document(path, pe.pe()));
        } else if (file instanceof BinaryFile.MachO m) {
            Trees.MAPPER.writeTree(g, MachOJson.document(path, m.macho(), withSymbols));
        } else if (file instanceof BinaryFile.Fat fat) {
            Trees.MAPPER.writeTree(g, MachOJson.fatDocument(path, fat.fat(), withSymbols));
        } else if (file instanceof BinaryFile.Xcoff x) {
            Trees.MAPPER.writeTree(g, XcoffWasmReport.xcoffJson(path, x.xcoff()));
        } else if (file instanceof BinaryFile.Wasm w) {
            Trees.MAPPER.writeTree(g, XcoffWasmReport.wasmJson(path, w.wasm()));
        } else if (file instanceof BinaryFile.Coff c) {
            Trees.MAPPER.writeTree(g, CoffReport.json(path, c.coff()));
        } else if (file instanceof BinaryFile.Archive a) {
            Trees.MAPPER.writeTree(g, ArchiveReport.json(path, a));
        } else if (file instanceof BinaryFile.Script s) {
            g.writeStartObject();
            g.writeStringField("path", path);
            g.writeStringField("format", "script");
            g.writeStringField("firstLine", s.firstLine());
            g.writeEndObject();
        } else if (file instanceof BinaryFile.Unknown u) {
            g.writeStartObject();
            g.writeStringField("path", path);
            g.writeStringField("format", "unknown");
            g.writeStringField("reason", u.reason());
            g.writeEndObject();
        }
        g.flush();
    }

    /** A file whose magic named a format whose header could then not be read. */
    @Override
    public void malformed(String path, FileFormat format, BinaryFormatException e) throws IOException {
        g.writeStartObject();
        g.writeStringField("path", path);
        g.writeStringField("format", format.jsonName());
        g.writeArrayFieldStart("problems");
        ElfJson.problem(g, FormatProblem.of(e));
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
    }

    /** A file that could not be read at all. */
    @Override
    public void unreadable(InputError error) throws IOException {
        g.writeStartObject();
        g.writeStringField("path", error.path());
        g.writeStringField("format", "unknown");
        g.writeFieldName("error");
        error.writeError(g);
        g.writeEndObject();
        g.flush();
    }

    /** Ends the document (or the last line) and flushes; the stream under it stays open. */
    @Override
    public void finish() throws IOException {
        if (!lines) {
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeRaw('\n');
        g.flush();
    }

    @Override
    public void flush() throws IOException {
        g.flush();
    }

    @Override
    public void close() throws IOException {
        g.close();
    }
}
