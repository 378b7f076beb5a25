package io.jrpcx.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ValueNode;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * The one shared Jackson setup: exact numbers, tight read limits, compact UTF-8 output.
 *
 * <p>Read limits, sized against the default maximum message size of 1,000,000 bytes, so that no input
 * costs more than time linear in its length and memory bounded by it:
 * <ul>
 *   <li>{@link #MAX_DOCUMENT_LENGTH} bytes per message (16 default-size messages: the framer is the
 *       tighter bound unless configured larger);</li>
 *   <li>{@link #MAX_NESTING_DEPTH} levels of arrays and objects;</li>
 *   <li>{@link #MAX_STRING_LENGTH} characters per string value (no message of the default size holds
 *       a longer one), {@link #MAX_NAME_LENGTH} per member name (far beyond any name a peer needs);</li>
 *   <li>{@link #MAX_NUMBER_LENGTH} characters per number, and decimals with a decimal exponent (scale)
 *       of magnitude at most {@link #MAX_DECIMAL_SCALE}: {@code 1e999999999} is valid JSON but no Java
 *       code could expand it, so it is refused on input instead of costing a billion digits later.</li>
 * </ul>
 * Member names of trees are not canonicalized (no shared symbol table): a peer choosing names whose
 * hashes collide can neither slow parsing down nor make it fail. Only the fast path's own scanner (which keeps no name table),
 * used by the fast path for simple requests and responses, keeps the symbol table, which saves allocating the names
 * of every request: a failure there (the table's defence against collisions, which stops it after a
 * bounded amount of work) only sends the message down the general path, and the table is discarded.
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

    /** Longest message parsed, in bytes: 16 times the default maximum message size. */
    public static final int MAX_DOCUMENT_LENGTH = 16_000_000;

    /** Longest string value, in characters: a message of the default size holds no longer one. */
    public static final int MAX_STRING_LENGTH = 1_000_000;

    /** Longest member name, in characters. */
    public static final int MAX_NAME_LENGTH = 65_536;

    /** Longest number, in characters (digits, sign, point and exponent). */
    public static final int MAX_NUMBER_LENGTH = 1000;

    /**
     * Largest magnitude of a decimal's scale (minus its exponent, as {@link BigDecimal#scale()} counts):
     * {@code 1e1000} and {@code 1e-1000} pass (far beyond the range of a {@code double}), {@code 1e1001}
     * does not.
     */
    public static final int MAX_DECIMAL_SCALE = 1000;

    /** The message of {@link LimitExceeded} for a decimal beyond {@link #MAX_DECIMAL_SCALE}. */
    public static final String NUMBER_OUT_OF_RANGE = "number out of range (exponent beyond " + MAX_DECIMAL_SCALE + ")";

    /**
     * Thrown while parsing a value beyond a limit that Jackson's own constraints do not cover.
     *
     * <pre>{@code
     * try {
     *     Json.nodeReader().readTree(bytes);
     * } catch (Json.LimitExceeded e) {
     *     refuse(e.getMessage());   // "number out of range (exponent beyond 1000)"
     * }
     * }</pre>
     */
    public static final class LimitExceeded extends RuntimeException {
        public LimitExceeded(String message) {
            super(message, null, false, false);
        }
    }

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxDocumentLength(MAX_DOCUMENT_LENGTH)
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxStringLength(MAX_STRING_LENGTH)
            .maxNameLength(MAX_NAME_LENGTH)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .build();

    private static final JsonNodeFactory FACTORY = JsonNodeFactory.withExactBigDecimals(true);

    /** Exact decimals as {@link #FACTORY}, refusing those whose scale is beyond {@link #MAX_DECIMAL_SCALE}. */
    private static final JsonNodeFactory PARSED = new JsonNodeFactory(true) {
        @Override
        public ValueNode numberNode(@Nullable BigDecimal v) {
            if (v != null) {
                checkScale(v);
            }
            return super.numberNode(v);
        }
    };

    private static final JsonMapper MAPPER = JsonMapper.builder(
                    JsonFactory.builder()
                            .streamReadConstraints(LIMITS)
                            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                            .build())
            .nodeFactory(FACTORY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final ObjectReader NODE_READER = MAPPER.readerFor(JsonNode.class).with(PARSED);

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * A reader of JSON trees with its deserializer resolved once, for the hot path; it applies every
     * limit, throwing {@link LimitExceeded} for a decimal out of range.
     */
    public static ObjectReader nodeReader() {
        return NODE_READER;
    }

    public static JsonNodeFactory factory() {
        return FACTORY;
    }

    /**
     * Whether a decimal is within {@link #MAX_DECIMAL_SCALE}.
     *
     * @throws LimitExceeded if it is not
     */
    public static BigDecimal checkScale(BigDecimal v) {
        int scale = v.scale();
        if (scale > MAX_DECIMAL_SCALE || scale < -MAX_DECIMAL_SCALE) {
            throw new LimitExceeded(NUMBER_OUT_OF_RANGE);
        }
        return v;
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
