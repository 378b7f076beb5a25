package io.jrpcx.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The {@code id} member of a JSON-RPC message, keeping apart the four cases the protocol
 * distinguishes: no id at all (a notification), an explicit {@code null}, a number and a string.
 *
 * <pre>{@code
 * RequestId id = RequestId.of(7);
 * switch (id) {
 *   case RequestId.Absent a -> System.out.println("notification");
 *   case RequestId.Null n -> System.out.println("null id");
 *   case RequestId.Num n -> System.out.println("number " + n.value());
 *   case RequestId.Str s -> System.out.println("string " + s.value());
 * }
 * }</pre>
 */
public sealed interface RequestId permits RequestId.Absent, RequestId.Null, RequestId.Num, RequestId.Str {

    /** The id as a JSON value; {@code null} for {@link Absent}. */
    JsonNode toJson();

    /** No {@code id} member: the message is a notification. */
    static RequestId absent() {
        return Absent.INSTANCE;
    }

    /** An explicit JSON {@code null} id. */
    static RequestId nullId() {
        return Null.INSTANCE;
    }

    /** A numeric id. */
    static RequestId of(long value) {
        return new Num(JsonNodeFactory.instance.numberNode(value));
    }

    /** A string id. */
    static RequestId of(String value) {
        return new Str(value);
    }

    /** The id for a JSON value: null, number or string (anything else is rejected). */
    static RequestId fromJson(JsonNode node) {
        if (node.isNull()) {
            return Null.INSTANCE;
        }
        if (node.isNumber()) {
            return new Num(node);
        }
        if (node.isTextual()) {
            return new Str(node.textValue());
        }
        throw new IllegalArgumentException("not a request id: " + node);
    }

    /** The id is absent. */
    enum Absent implements RequestId {
        INSTANCE;

        @Override
        public JsonNode toJson() {
            throw new IllegalStateException("an absent id has no JSON form");
        }

        @Override
        public String toString() {
            return "absent";
        }
    }

    /** The id is JSON {@code null}. */
    enum Null implements RequestId {
        INSTANCE;

        @Override
        public JsonNode toJson() {
            return JsonNodeFactory.instance.nullNode();
        }

        @Override
        public String toString() {
            return "null";
        }
    }

    /**
     * A numeric id, kept as the JSON number it arrived as so that it is echoed unchanged. Two numeric
     * ids are equal when their values are equal ({@code 1} equals {@code 1.0}).
     */
    record Num(JsonNode value) implements RequestId {
        public Num {
            Objects.requireNonNull(value, "value");
            if (!value.isNumber()) {
                throw new IllegalArgumentException("not a number: " + value);
            }
        }

        @Override
        public JsonNode toJson() {
            return value;
        }

        private BigDecimal normalized() {
            return value.decimalValue().stripTrailingZeros();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Num other && normalized().compareTo(other.normalized()) == 0;
        }

        @Override
        public int hashCode() {
            return normalized().hashCode();
        }

        @Override
        public String toString() {
            return value.toString();
        }
    }

    /** A string id. */
    record Str(String value) implements RequestId {
        public Str {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public JsonNode toJson() {
            return JsonNodeFactory.instance.textNode(value);
        }

        @Override
        public String toString() {
            return '"' + value + '"';
        }
    }
}
