package dev.execray.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.execray.golang.GoStrconv;
import dev.execray.golang.GoVersionMScan;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes what {@link GoVersionMScan} finds as {@code go version -m} does, as each entry arrives: build information on
 * stdout, problems on stderr, both escaped for the terminal (byte-identical to go when names and module text are
 * clean); or, with JSON, one array of the Go binaries at the end, problems still on stderr. Text output never touches
 * Jackson, so a run over hundreds of files does not load it.
 */
public final class GoVersionMOutput implements Consumer<GoVersionMScan.Entry> {
    private final OutputStream out;
    private final OutputStream err;
    private final boolean json;
    private final List<Object> jsonResults = new ArrayList<>();
    private boolean problems;

    public GoVersionMOutput(OutputStream out, OutputStream err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    @Override
    public void accept(GoVersionMScan.Entry e) {
        if (e instanceof GoVersionMScan.Problem p) {
            write(err, Escape.textBytes(GoVersionMRenderer.problem(p).getBytes(StandardCharsets.UTF_8)));
            if (json) {
                // the file's entry with the error where its result would be; the words are go version's
                jsonResults.add(problemJson(p));
            }
            problems = true; // go version exits 0 here; execray's contract is exit 3 for input it could not read
        } else if (e instanceof GoVersionMScan.Printed p) {
            if (json) {
                jsonResults.add(GoVersionMRenderer.json(p.name(), p.info()));
            } else {
                write(out, Escape.textBytes(GoStrconv.toBytes(
                        GoVersionMRenderer.stdout(GoStrconv.fromText(p.name()), p.info(), true))));
            }
        }
    }

    /** Ends the output (the JSON array); returns whether any file gave an error line. */
    public boolean finish() {
        if (json) {
            var arr = Json.array();
            jsonResults.forEach(o -> arr.add((JsonNode) o));
            write(out, JsonDocument.GO_MODINFO.write("files", arr).getBytes(StandardCharsets.UTF_8));
        }
        return problems;
    }

    private static JsonNode problemJson(GoVersionMScan.Problem p) {
        var o = Json.object();
        o.put("file", p.name());
        var e = o.putObject("error");
        if (p.kind() == GoVersionMScan.Problem.Kind.NO_SUCH_FILE) {
            e.put("errno", "ENOENT");
        }
        e.put("message", GoVersionMRenderer.problem(p).strip());
        return o;
    }

    private static void write(OutputStream s, byte[] bytes) {
        try {
            s.write(bytes);
            s.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
