package dev.execray.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one framing of {@code --json}: every command writes a single JSON object whose first field,
 * {@code "schema"}, names the document and its version ({@code "execray-inspect/2"}), so that any JSON tool
 * reads it and a consumer can tell what it holds. Lists of results sit under a named field ({@code files},
 * {@code places}, ...). JSON Lines, for streaming, is the explicit {@code --jsonl} of the commands that take
 * many inputs. docs/json-schema.md lists the documents and their versions.
 */
public enum JsonDocument {
    INSPECT("inspect", 2),
    WHICH("which", 1),
    EXPLAIN("explain", 1),
    BINFMT_REGISTRY("binfmt", 1),
    BINFMT_MATCH("binfmt-match", 1),
    BINFMT_PARSE("binfmt-parse", 1),
    BINFMT_QEMU("binfmt-qemu", 1),
    LDD("ldd", 2),
    GO("go", 2),
    GO_MODINFO("go-modinfo", 2),
    GODEBUG("godebug", 1),
    MATRIX("matrix", 1),
    CHECK_IMAGE("check-image", 1),
    TARGETS("targets", 2),
    RUNTIME_MAPS("runtime-maps", 1),
    RUNTIME_MAPS_DIFF("runtime-maps-diff", 1),
    RUNTIME_GC("runtime-gc", 1),
    RUNTIME_SCHED("runtime-sched", 1),
    RUNTIME_CAPTURE("runtime-capture", 1),
    BENCH("bench", 1),
    SCAN("scan", 1),
    SCAN_IMPORT("scan-import", 1),
    SCANS("scans", 1),
    SCAN_DIFF("scan-diff", 1),
    QUERY("query", 1);

    private final String name;
    private final int version;

    JsonDocument(String name, int version) {
        this.name = name;
        this.version = version;
    }

    /** The value of the {@code schema} field, e.g. {@code execray-inspect/2}. */
    public String id() {
        return "execray-" + name + "/" + version;
    }

    /** {@code body}'s fields after the {@code schema} field. */
    public ObjectNode wrap(ObjectNode body) {
        ObjectNode doc = Json.object();
        doc.put("schema", id());
        body.properties().forEach(f -> {
            if (!f.getKey().equals("schema")) {
                doc.set(f.getKey(), f.getValue());
            }
        });
        return doc;
    }

    /** A list of results under {@code field}. */
    public ObjectNode wrap(String field, ArrayNode list) {
        ObjectNode doc = Json.object();
        doc.put("schema", id());
        doc.set(field, list);
        return doc;
    }

    /** Any value Jackson can map to an object (a record, a map), wrapped. */
    public ObjectNode wrapValue(Object value) {
        JsonNode tree = value instanceof JsonNode n ? n : Json.MAPPER.valueToTree(value);
        if (!(tree instanceof ObjectNode o)) {
            throw new IllegalArgumentException(name + ": a JSON document must be an object, not " + tree.getNodeType());
        }
        return wrap(o);
    }

    /** A list of results under {@code field}, as indented text with a final newline. */
    public String write(String field, ArrayNode list) {
        return Json.write(wrap(field, list)) + "\n";
    }

    /**
     * The document of a run that failed on its input before any result: {@code {"schema", "path", "error":
     * {"errno", "message"}}}, the error in the same shape as an entry's (InputError).
     */
    public String error(InputError e) {
        return write(e.json());
    }

    /** The whole document as indented text with a final newline. */
    public String write(ObjectNode body) {
        return Json.write(wrap(body)) + "\n";
    }
}
