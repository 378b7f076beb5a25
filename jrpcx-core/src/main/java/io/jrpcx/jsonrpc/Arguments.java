package io.jrpcx.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jrpcx.internal.json.Json;
import java.util.Map;
import java.util.Objects;

/**
 * The parameters of a request or notification: positional (a JSON array) or named (a JSON object).
 * Immutable by convention: the node is never changed after construction.
 *
 * <pre>{@code
 * Arguments positional = Arguments.of(1, 2, 3);
 * Arguments named = Arguments.named(Map.of("message", "hello"));
 * }</pre>
 */
public record Arguments(JsonNode node) {

    private static final Arguments EMPTY = new Arguments(Json.factory().arrayNode());

    public Arguments {
        Objects.requireNonNull(node, "node");
        if (!node.isArray() && !node.isObject()) {
            throw new IllegalArgumentException("arguments must be a JSON array or object: " + node);
        }
    }

    /** No arguments (an empty array). */
    public static Arguments none() {
        return EMPTY;
    }

    /** Positional arguments, each converted to JSON. */
    public static Arguments of(Object... values) {
        ArrayNode array = Json.factory().arrayNode(values.length);
        for (Object value : values) {
            array.add(Json.toNode(value));
        }
        return new Arguments(array);
    }

    /** Named arguments, each value converted to JSON. */
    public static Arguments named(Map<String, ?> values) {
        ObjectNode object = Json.factory().objectNode();
        values.forEach((k, v) -> object.set(k, Json.toNode(v)));
        return new Arguments(object);
    }

    /** True for named arguments (a JSON object). */
    public boolean isNamed() {
        return node.isObject();
    }

    /** The number of arguments. */
    public int size() {
        return node.size();
    }

    @Override
    public String toString() {
        return node.toString();
    }
}
