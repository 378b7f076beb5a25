package io.jrpcx.jsonrpc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.jrpcx.internal.json.Json;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Converts between Java values and JSON with a chosen Jackson {@link ObjectMapper}, the way sessions
 * convert arguments, results and handler parameters: primitives, their boxes, strings and exact numbers
 * strictly (no number from a string, no truncated fraction, no JSON {@code null} for a primitive),
 * everything else with the mapper, so modules registered on it (such as {@code JavaTimeModule}) apply.
 * Decimals stay exact whatever the mapper's node factory: {@code 10.00} is sent as {@code 10.00}.
 *
 * <pre>{@code
 * ObjectMapper mapper = JsonMapper.builder().addModule(new JavaTimeModule()).build();
 * JsonNode node = JsonConversion.toNode(mapper, Instant.now());
 * Instant back = JsonConversion.fromNode(mapper, node, mapper.constructType(Instant.class));
 * }</pre>
 */
public final class JsonConversion {
    private JsonConversion() {
    }

    /**
     * jrpcx's own mapper: exact decimals, compact output; the default of every client and server.
     *
     * @return the shared mapper; do not reconfigure it
     */
    public static ObjectMapper defaultMapper() {
        return Json.mapper();
    }

    /**
     * {@code value} as JSON; a {@link JsonNode} is returned as is, {@code null} is JSON {@code null}.
     *
     * @param mapper the Jackson mapper that converts
     * @param value any Java value, or {@code null}
     * @return the value as a JSON tree
     * @throws IllegalArgumentException when the mapper cannot serialize it
     */
    public static JsonNode toNode(ObjectMapper mapper, @Nullable Object value) {
        if (value == null) {
            return Json.factory().nullNode();
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        if (mapper == Json.mapper()) {
            return Json.toNode(value);
        }
        // the mapper's serializers, but jrpcx's exact decimals: a mapper's own node factory would turn 10.00 into 1E+1
        TokenBuffer buffer = new TokenBuffer(mapper, false);
        try {
            mapper.writeValue(buffer, value);
            try (JsonParser parser = buffer.asParser()) {
                JsonNode node = mapper.reader().with(Json.factory()).readTree(parser);
                return node == null ? Json.factory().nullNode() : node;
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * {@code node} as a {@code type}.
     *
     * @param <T> the Java type
     * @param mapper the Jackson mapper that converts
     * @param node the JSON value
     * @param type the Java type to convert to, possibly generic
     * @return the converted value; {@code null} for JSON {@code null}
     * @throws IllegalArgumentException with a short reason ({@code expected an integer, got "12"}) when
     *     it does not fit
     */
    @SuppressWarnings("unchecked")
    public static <T> @Nullable T fromNode(ObjectMapper mapper, JsonNode node, JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw == JsonNode.class || raw == Object.class && node.isContainerNode()) {
            return (T) node;
        }
        if (ValueConversion.isScalar(raw)) {
            try {
                return (T) ValueConversion.scalar(node, raw);
            } catch (ValueConversion.Mismatch m) {
                throw new IllegalArgumentException(m.getMessage());
            }
        }
        try {
            return mapper.treeToValue(node, type);
        } catch (Exception e) {
            throw new IllegalArgumentException("expected " + type.toCanonical() + ", got "
                    + ValueConversion.abbreviate(node) + " (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    private static String firstLine(@Nullable String s) {
        if (s == null) {
            return "no reason given";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
