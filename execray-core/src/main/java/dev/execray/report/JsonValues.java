package dev.execray.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.execray.binary.FormatProblem;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/** Small helpers the JSON writers share: one mapper, unsigned 64-bit numbers, problems. */
final class JsonValues {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final ObjectMapper MAPPER = new ObjectMapper(JsonEscapes.on(new com.fasterxml.jackson.databind.MappingJsonFactory()))
            .enable(SerializationFeature.INDENT_OUTPUT);

    private JsonValues() {
    }

    /** A 64-bit field read as unsigned: written exactly, also above 2^63. */
    static JsonNode unsigned(long v) {
        return v >= 0 ? NODES.numberNode(v) : NODES.numberNode(new BigInteger(Long.toUnsignedString(v)));
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode a = NODES.arrayNode();
        values.forEach(a::add);
        return a;
    }

    /** {@code {"value": n, "flags": [...]}}: the raw field and its decoded bits. */
    static ObjectNode flags(long value, List<String> names) {
        ObjectNode o = NODES.objectNode();
        o.put("value", value);
        o.set("flags", strings(names));
        return o;
    }

    static ObjectNode problem(FormatProblem p) {
        ObjectNode o = NODES.objectNode();
        o.put("structure", p.structure());
        o.put("offset", p.offset());
        o.put("detail", p.detail());
        return o;
    }

    static ArrayNode problems(List<FormatProblem> ps) {
        ArrayNode a = NODES.arrayNode();
        ps.forEach(p -> a.add(problem(p)));
        return a;
    }

    static void addProblem(List<FormatProblem> into, Optional<FormatProblem> p) {
        p.ifPresent(into::add);
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
