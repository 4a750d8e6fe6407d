package dev.execray.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one Jackson setup every renderer shares: stable, indented output. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonEscapes.on(new com.fasterxml.jackson.databind.MappingJsonFactory()))
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** Compact: one value per line, for JSON Lines. */
    public static final ObjectMapper COMPACT = new ObjectMapper(JsonEscapes.on(new com.fasterxml.jackson.databind.MappingJsonFactory()));

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    public static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("JSON rendering failed", e);
        }
    }
}
