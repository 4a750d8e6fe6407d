package dev.execray.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * JSON for the runtime reports: records as objects, Optionals as their value or null (without
 * pulling in jackson-datatype-jdk8 for four small serializers), paths as strings.
 */
public final class RuntimeJson {
    private static final ObjectMapper MAPPER = build();

    private RuntimeJson() {
    }

    private static ObjectMapper build() {
        SimpleModule m = new SimpleModule("execray-runtime");
        m.addSerializer(OptionalLong.class, new JsonSerializer<OptionalLong>() {
            @Override
            public void serialize(OptionalLong v, JsonGenerator g, SerializerProvider p) throws IOException {
                if (v.isPresent()) {
                    g.writeNumber(v.getAsLong());
                } else {
                    g.writeNull();
                }
            }
        });
        m.addSerializer(OptionalInt.class, new JsonSerializer<OptionalInt>() {
            @Override
            public void serialize(OptionalInt v, JsonGenerator g, SerializerProvider p) throws IOException {
                if (v.isPresent()) {
                    g.writeNumber(v.getAsInt());
                } else {
                    g.writeNull();
                }
            }
        });
        @SuppressWarnings({"rawtypes", "unchecked"})
        JsonSerializer<Optional> opt = new JsonSerializer<Optional>() {
            @Override
            public void serialize(Optional v, JsonGenerator g, SerializerProvider p) throws IOException {
                if (v.isPresent()) {
                    p.defaultSerializeValue(v.get(), g);
                } else {
                    g.writeNull();
                }
            }
        };
        m.addSerializer(Optional.class, opt);
        m.addSerializer(Path.class, new JsonSerializer<Path>() {
            @Override
            public void serialize(Path v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(v.toString());
            }
        });
        return new ObjectMapper(JsonEscapes.on(new com.fasterxml.jackson.databind.MappingJsonFactory())).registerModule(m).enable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /** Two snapshots and their difference, in that order: {@code before}, {@code after}, {@code diff}. */
    public static Map<String, Object> beforeAfterDiff(Object before, Object after, Object diff) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("before", before);
        m.put("after", after);
        m.put("diff", diff);
        return m;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** {@code value} as the document {@code doc}: its {@code schema} field first, then {@code value}'s fields. */
    public static void print(PrintWriter out, JsonDocument doc, Object value) {
        com.fasterxml.jackson.databind.JsonNode tree = MAPPER.valueToTree(value);
        if (!(tree instanceof com.fasterxml.jackson.databind.node.ObjectNode o)) {
            throw new IllegalArgumentException("a JSON document must be an object, not " + tree.getNodeType());
        }
        out.println(write(doc.wrap(o)));
        out.flush();
    }
}
