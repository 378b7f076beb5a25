package io.jrpcx.jsonrpc;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jrpcx.internal.json.Json;
import org.jspecify.annotations.Nullable;

/**
 * Converts between Java values and JSON with a chosen Jackson {@link ObjectMapper}, the way sessions
 * convert arguments, results and handler parameters: primitives, their boxes, strings and exact numbers
 * strictly (no number from a string, no truncated fraction, no JSON {@code null} for a primitive),
 * everything else with the mapper, so modules registered on it (such as {@code JavaTimeModule}) apply.
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

    /** jrpcx's own mapper: exact decimals, compact output; the default of every client and server. */
    public static ObjectMapper defaultMapper() {
        return Json.mapper();
    }

    /**
     * {@code value} as JSON; a {@link JsonNode} is returned as is, {@code null} is JSON {@code null}.
     *
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
        return mapper.valueToTree(value);
    }

    /**
     * {@code node} as a {@code type}.
     *
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
