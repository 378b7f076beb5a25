package io.jrpcx.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.jspecify.annotations.Nullable;

/**
 * The one shared Jackson setup: exact numbers, tight read limits, compact UTF-8 output.
 *
 * <pre>{@code
 * JsonNode node = Json.nodeReader().readTree(bytes);
 * JsonNode value = Json.toNode(List.of(1, 2, 3));
 * }</pre>
 */
public final class Json {
    /**
     * Deepest nesting accepted in a message. The reference implementation's server handles messages
     * nested up to 982 levels (arrays and objects, the message itself included) and goes silent beyond;
     * jrpcx accepts the same and answers deeper messages with a parse error.
     */
    public static final int MAX_NESTING_DEPTH = 982;

    private static final JsonNodeFactory FACTORY = JsonNodeFactory.withExactBigDecimals(true);

    private static final JsonMapper MAPPER = JsonMapper.builder(
                    JsonFactory.builder()
                            .streamReadConstraints(StreamReadConstraints.builder()
                                    .maxNestingDepth(MAX_NESTING_DEPTH)
                                    .maxNumberLength(1000)
                                    .maxStringLength(64 * 1024 * 1024)
                                    .build())
                            .build())
            .nodeFactory(FACTORY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final ObjectReader NODE_READER = MAPPER.readerFor(JsonNode.class);

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A reader of JSON trees with its deserializer resolved once, for the hot path. */
    public static ObjectReader nodeReader() {
        return NODE_READER;
    }

    public static JsonNodeFactory factory() {
        return FACTORY;
    }

    /** Converts a Java value to JSON; a {@link JsonNode} is returned as is. */
    public static JsonNode toNode(@Nullable Object value) {
        if (value == null) {
            return FACTORY.nullNode();
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        return MAPPER.valueToTree(value);
    }
}
