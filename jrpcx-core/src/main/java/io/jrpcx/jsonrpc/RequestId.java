package io.jrpcx.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@code id} member of a JSON-RPC message, keeping apart the four cases the protocol
 * distinguishes: no id at all (a notification), an explicit {@code null}, a number and a string. A fifth
 * case, {@link Other}, holds ids of other JSON types (booleans, arrays, objects): JSON-RPC 1.0 allows an
 * id of any type, and such ids are echoed unchanged in the response.
 *
 * <pre>{@code
 * RequestId id = RequestId.of(7);
 * switch (id) {
 *   case RequestId.Absent a -> System.out.println("notification");
 *   case RequestId.Null n -> System.out.println("null id");
 *   case RequestId.Num n -> System.out.println("number " + n.value());
 *   case RequestId.Str s -> System.out.println("string " + s.value());
 *   case RequestId.Other o -> System.out.println("other " + o.value());
 * }
 * }</pre>
 */
public sealed interface RequestId permits RequestId.Absent, RequestId.Null, RequestId.Num, RequestId.Str, RequestId.Other {

    /** {@return the id as a JSON value; {@code null} for {@link Absent}} */
    JsonNode toJson();

    /** {@return no {@code id} member: the message is a notification} */
    static RequestId absent() {
        return Absent.INSTANCE;
    }

    /** {@return an explicit JSON {@code null} id} */
    static RequestId nullId() {
        return Null.INSTANCE;
    }

    /**
     * {@return a numeric id}
     *
     * @param value the number
     */
    static RequestId of(long value) {
        return new Num(JsonNodeFactory.instance.numberNode(value));
    }

    /**
     * {@return a string id}
     *
     * @param value the string
     */
    static RequestId of(String value) {
        return new Str(value);
    }

    /**
     * The id for a JSON value: null, number or string; any other JSON value (a boolean, an array or an
     * object) gives {@link Other}. A Java {@code null} or a missing node gives {@link Absent}.
     *
     * @param node the JSON value, or {@code null}
     * @return the id
     */
    static RequestId fromJson(@Nullable JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return Absent.INSTANCE;
        }
        if (node.isNull()) {
            return Null.INSTANCE;
        }
        if (node.isNumber()) {
            return new Num(node);
        }
        if (node.isTextual()) {
            return new Str(node.textValue());
        }
        return new Other(node);
    }

    /** {@return true for {@link Absent}} */
    default boolean isAbsent() {
        return this == Absent.INSTANCE;
    }

    /** The id is absent. */
    enum Absent implements RequestId {
        /** The only absent id. */
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
        /** The only null id. */
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
     *
     * @param value the number as it arrived
     */
    record Num(JsonNode value) implements RequestId {
        /** Checks that the value is a number. */
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

    /**
     * An id of another JSON type: a boolean, an array or an object. JSON-RPC 2.0 does not allow these
     * (booleans are accepted, as they are by the reference implementation); JSON-RPC 1.0 allows any type.
     *
     * @param value the JSON value
     */
    record Other(JsonNode value) implements RequestId {
        /** Checks that the value is a boolean, an array or an object. */
        public Other {
            Objects.requireNonNull(value, "value");
            if (value.isNull() || value.isNumber() || value.isTextual() || value.isMissingNode()) {
                throw new IllegalArgumentException("not an other-typed id: " + value);
            }
        }

        @Override
        public JsonNode toJson() {
            return value;
        }

        @Override
        public String toString() {
            return value.toString();
        }
    }

    /**
     * A string id.
     *
     * @param value the string
     */
    record Str(String value) implements RequestId {
        /** Checks that the value is not {@code null}. */
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
