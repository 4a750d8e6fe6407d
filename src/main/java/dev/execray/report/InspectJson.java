package dev.execray.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import dev.execray.binary.BinaryFile;
import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.FileFormat;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.util.Set;

/**
 * {@code execray inspect --json}: JSON Lines, one compact object per file and line, written as each
 * file is read, so that any number of files streams in constant memory and a consumer can process
 * results as they come (docs/json-schema.md).
 */
public final class InspectJson implements Closeable, Flushable {
    private static final JsonFactory FACTORY = new com.fasterxml.jackson.databind.ObjectMapper().getFactory();

    private final JsonGenerator g;


    public InspectJson(Writer out) throws IOException {
        g = FACTORY.createGenerator(out);
        g.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    /** One file that was identified and read (fully or partly). */
    public void write(String path, BinaryFile file, Set<InspectDetail> details) throws IOException {
        boolean withSymbols = details.contains(InspectDetail.SYMBOLS);
        if (file instanceof BinaryFile.Elf e) {
            ElfJson.write(g, path, e.elf(), details);
        } else if (file instanceof BinaryFile.Pe pe) {
            g.writeTree(PeJson.document(path, pe.pe()));
        } else if (file instanceof BinaryFile.MachO m) {
            g.writeTree(MachOJson.document(path, m.macho(), withSymbols));
        } else if (file instanceof BinaryFile.Fat fat) {
            g.writeTree(MachOJson.fatDocument(path, fat.fat(), withSymbols));
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
    public void malformed(String path, FileFormat format, BinaryFormatException e) throws IOException {
        g.writeStartObject();
        g.writeStringField("path", path);
        g.writeStringField("format", format.jsonName());
        g.writeArrayFieldStart("problems");
        ElfJson.problem(g, e);
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
    }

    /** A file that could not be read at all. */
    public void unreadable(String path, String error) throws IOException {
        g.writeStartObject();
        g.writeStringField("path", path);
        g.writeStringField("format", "unknown");
        g.writeStringField("error", error);
        g.writeEndObject();
        g.flush();
    }

    @Override
    public void flush() throws IOException {
        g.flush();
    }

    @Override
    public void close() throws IOException {
        g.writeRaw('\n');
        g.close();
    }
}
