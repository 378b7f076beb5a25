package io.jrpcx.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jrpcx.internal.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parameters of a request or notification: positional (a JSON array) or named (a JSON object).
 * Immutable by convention: the node is never changed after construction.
 *
 * <p>Say which you mean: {@link #of(Object...)} makes each value one positional argument (so
 * {@code Arguments.of(List.of(1, 2))} is the one argument {@code [[1,2]]}), {@link #positional(List)}
 * makes each element of a list one argument ({@code [1,2]}), and {@link #named(Map)} makes named
 * arguments ({@code {"message":"hello"}}). A session's varargs forms ({@code session.request("m", a, b)})
 * refuse a sole map, collection or array, which could mean any of the three.
 *
 * <p>Values are converted to JSON by jrpcx's default mapper, or by the mapper given to the forms that
 * take one (a session's varargs forms use the session's mapper).
 *
 * <pre>{@code
 * Arguments positional = Arguments.of(1, 2, 3);                       // [1,2,3]
 * Arguments spread = Arguments.positional(List.of(1, 2, 3));          // [1,2,3]
 * Arguments oneList = Arguments.of(List.of(1, 2, 3));                 // [[1,2,3]]
 * Arguments named = Arguments.named(Map.of("message", "hello"));      // {"message":"hello"}
 * Arguments withTime = Arguments.named(Map.of("at", Instant.now()), mapper);
 * }</pre>
 *
 * @param node a JSON array (positional) or object (named)
 */
public record Arguments(JsonNode node) {

    private static final Arguments EMPTY = new Arguments(Json.factory().arrayNode());

    /**
     * Arguments held in {@code node}.
     *
     * @throws IllegalArgumentException unless it is a JSON array or object
     */
    public Arguments {
        Objects.requireNonNull(node, "node");
        if (!node.isArray() && !node.isObject()) {
            throw new IllegalArgumentException("arguments must be a JSON array or object: " + node);
        }
    }

    /** {@return no arguments (an empty array)} */
    public static Arguments none() {
        return EMPTY;
    }

    /**
     * Positional arguments, each value one argument converted to JSON: a list or map passed here is one
     * argument. For the elements of a list use {@link #positional(List)}, for named arguments
     * {@link #named(Map)}.
     *
     * @param values the arguments in order; {@code null} elements are JSON {@code null}
     * @return positional arguments
     */
    public static Arguments of(Object... values) {
        ArrayNode array = Json.factory().arrayNode(values.length);
        for (Object value : values) {
            array.add(Json.toNode(value));
        }
        return new Arguments(array);
    }

    /**
     * Named arguments, each value converted to JSON.
     *
     * @param values the arguments by name
     * @return named arguments
     */
    public static Arguments named(Map<String, ?> values) {
        return named(values, Json.mapper());
    }

    /**
     * Named arguments, each value converted to JSON by {@code mapper}.
     *
     * @param values the arguments by name
     * @param mapper the Jackson mapper that converts each value
     * @return named arguments
     * @throws IllegalArgumentException when a value cannot be converted
     */
    public static Arguments named(Map<String, ?> values, ObjectMapper mapper) {
        ObjectNode object = Json.factory().objectNode();
        values.forEach((k, v) -> object.set(k, JsonConversion.toNode(mapper, v)));
        return new Arguments(object);
    }

    /**
     * Positional arguments, one per element of {@code values}.
     *
     * @param values the arguments in order
     * @return positional arguments
     */
    public static Arguments positional(List<?> values) {
        return positional(values, Json.mapper());
    }

    /**
     * Positional arguments, one per element of {@code values}, each converted to JSON by {@code mapper}.
     *
     * @param values the arguments in order
     * @param mapper the Jackson mapper that converts each value
     * @return positional arguments
     * @throws IllegalArgumentException when a value cannot be converted
     */
    public static Arguments positional(List<?> values, ObjectMapper mapper) {
        ArrayNode array = Json.factory().arrayNode(values.size());
        for (Object value : values) {
            array.add(JsonConversion.toNode(mapper, value));
        }
        return new Arguments(array);
    }

    /** {@return true for named arguments (a JSON object)} */
    public boolean isNamed() {
        return node.isObject();
    }

    /** {@return the number of arguments} */
    public int size() {
        return node.size();
    }

    @Override
    public String toString() {
        return node.toString();
    }
}
