package io.jrpcx.jsonrpc;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.internal.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The arguments of one call, bound to a {@link Signature}: declared parameters by name or by position
 * (whether the call passed them by position or by name), further positional arguments as
 * {@link #rest()}, further named ones as {@link #extraNamed()}. Typed getters convert with the shared
 * Jackson mapper; a value that does not convert is a -32602 {@link RpcError} naming the parameter and
 * the method.
 *
 * <pre>{@code
 * builder.method("echo", Signature.of("message"), (ctx, p) -> p.get("message"));
 * builder.method("sum", Signature.varargs(), (ctx, p) -> {
 *     BigDecimal total = BigDecimal.ZERO;
 *     for (int i = 0; i < p.size(); i++) total = total.add(p.getDecimal(i));
 *     return total;
 * });
 * }</pre>
 */
public final class Params {
    private final String method;
    private final Signature signature;
    private final @Nullable JsonNode[] values;
    private final List<JsonNode> rest;
    private final Map<String, JsonNode> extraNamed;

    /**
     * Used by the binder: {@code values[i]} is the value of {@code signature.names().get(i)}, null when
     * not passed.
     */
    Params(String method, Signature signature, @Nullable JsonNode[] values, List<JsonNode> rest,
            Map<String, JsonNode> extraNamed) {
        this.method = method;
        this.signature = signature;
        this.values = values;
        this.rest = Collections.unmodifiableList(rest);
        this.extraNamed = Collections.unmodifiableMap(extraNamed);
    }

    /** The method called. */
    public String method() {
        return method;
    }

    /**
     * The number of positional values: declared parameters that may be passed by position, up to the
     * last one passed, then the rest. For {@link Signature#varargs()} it is the number of arguments.
     * Named-only parameters are not counted: get them by name.
     */
    public int size() {
        int positional = signature.positionalNames().size();
        int declared = 0;
        for (int i = positional - 1; i >= 0; i--) {
            if (values[i] != null) {
                declared = i + 1;
                break;
            }
        }
        return rest.isEmpty() ? declared : positional + rest.size();
    }

    /** Whether the declared parameter {@code name} was passed. */
    public boolean has(String name) {
        int i = signature.names().indexOf(name);
        return i >= 0 ? values[i] != null : extraNamed.containsKey(name);
    }

    /** The value of a declared (or extra named) parameter, or {@code null} when it was not passed. */
    public @Nullable JsonNode get(String name) {
        int i = signature.names().indexOf(name);
        return i >= 0 ? values[i] : extraNamed.get(name);
    }

    /**
     * The value at a position: declared parameters first, then the rest.
     *
     * @throws IndexOutOfBoundsException when there is no such value
     */
    public JsonNode get(int index) {
        if (index < 0) {
            throw new IndexOutOfBoundsException(index);
        }
        List<String> positional = signature.positionalNames();
        if (index < positional.size()) {
            JsonNode v = values[index];
            if (v == null) {
                throw new IndexOutOfBoundsException("parameter " + positional.get(index) + " was not passed");
            }
            return v;
        }
        return rest.get(index - positional.size());
    }

    /** The positional arguments beyond the declared parameters. */
    public List<JsonNode> rest() {
        return rest;
    }

    /** The named arguments beyond the declared parameters (only with {@link Signature#withAnyNamed()}). */
    public Map<String, JsonNode> extraNamed() {
        return extraNamed;
    }

    /** All positional values: {@code get(0)} to {@code get(size() - 1)}. */
    public List<JsonNode> positional() {
        List<JsonNode> all = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            all.add(get(i));
        }
        return all;
    }

    // ---- typed getters ----

    /** The value of {@code name} converted to {@code type}. */
    public <T> T get(String name, Class<T> type) {
        return convert(name, require(name), Json.mapper().constructType(type));
    }

    /** The value of {@code name} converted to {@code type}, or {@code fallback} when not passed. */
    public <T> T get(String name, Class<T> type, T fallback) {
        JsonNode v = get(name);
        return v == null ? fallback : convert(name, v, Json.mapper().constructType(type));
    }

    /** The value of {@code name} converted to a (possibly generic) Jackson type. */
    public <T> T get(String name, JavaType type) {
        return convert(name, require(name), type);
    }

    /** The value at {@code index} converted to a (possibly generic) Jackson type. */
    public <T> T get(int index, JavaType type) {
        return convert(label(index), get(index), type);
    }

    /** The value at {@code index} converted to {@code type}. */
    public <T> T get(int index, Class<T> type) {
        return convert(label(index), get(index), Json.mapper().constructType(type));
    }

    /** The string value of {@code name}; anything else, {@code null} included, is a -32602 error. */
    public String getString(String name) {
        return string(name, require(name));
    }

    public String getString(int index) {
        return string(label(index), get(index));
    }

    /** The value of {@code name} as an {@code int}: an integer (or a decimal with an integer value) in range. */
    public int getInt(String name) {
        return (int) integer(name, require(name), Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
    }

    public int getInt(int index) {
        return (int) integer(label(index), get(index), Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
    }

    public long getLong(String name) {
        return integer(name, require(name), Long.MIN_VALUE, Long.MAX_VALUE, "long");
    }

    public long getLong(int index) {
        return integer(label(index), get(index), Long.MIN_VALUE, Long.MAX_VALUE, "long");
    }

    /** The value of {@code name} as a {@code double}: a number within the range of a {@code double}. */
    public double getDouble(String name) {
        return floating(name, require(name), false);
    }

    public double getDouble(int index) {
        return floating(label(index), get(index), false);
    }

    public boolean getBoolean(String name) {
        return bool(name, require(name));
    }

    public boolean getBoolean(int index) {
        return bool(label(index), get(index));
    }

    /** The exact value of a number: integers of any size and decimals keep every digit. */
    public BigDecimal getDecimal(String name) {
        return decimal(name, require(name));
    }

    /** The exact value of the number at {@code index}. */
    public BigDecimal getDecimal(int index) {
        return decimal(label(index), get(index));
    }

    /** The value of {@code name} as an integer of any size (a decimal must have an integer value). */
    public BigInteger getBigInteger(String name) {
        return bigInteger(name, require(name));
    }

    public BigInteger getBigInteger(int index) {
        return bigInteger(label(index), get(index));
    }

    private JsonNode require(String name) {
        JsonNode v = get(name);
        if (v == null) {
            throw new RpcError(JsonRpc.INVALID_PARAMS,
                    "method \"" + method + "\" requires parameter \"" + name + "\"");
        }
        return v;
    }

    private String label(int index) {
        List<String> positional = signature.positionalNames();
        return index < positional.size() ? positional.get(index) : "#" + index;
    }

    private BigDecimal decimal(String label, JsonNode v) {
        if (!v.isNumber()) {
            throw expected(label, "a number", v);
        }
        return v.decimalValue();
    }

    private String string(String label, JsonNode v) {
        if (!v.isTextual()) {
            throw expected(label, "a string", v);
        }
        return v.textValue();
    }

    private boolean bool(String label, JsonNode v) {
        if (!v.isBoolean()) {
            throw expected(label, "a boolean", v);
        }
        return v.booleanValue();
    }

    /** An integer in {@code [min, max]}; decimals count when their value is an integer (1.0, 1e3). */
    private long integer(String label, JsonNode v, long min, long max, String type) {
        if (!v.isNumber()) {
            throw expected(label, "an integer", v);
        }
        long value;
        if (v.isIntegralNumber()) {
            if (!v.canConvertToLong()) {
                throw outOfRange(label, type, v);
            }
            value = v.longValue();
        } else {
            BigDecimal d = v.decimalValue();
            if (d.signum() != 0 && d.precision() - d.scale() > 19) {
                throw outOfRange(label, type, v); // also keeps 1e999999999 from being expanded
            }
            try {
                value = d.longValueExact();
            } catch (ArithmeticException e) {
                throw d.precision() - d.scale() > 0 && isWhole(d) ? outOfRange(label, type, v)
                        : expected(label, "an integer", v);
            }
        }
        if (value < min || value > max) {
            throw outOfRange(label, type, v);
        }
        return value;
    }

    /** Whether a decimal of at most 19 integer digits has no fraction (cheap: its scale is bounded). */
    private static boolean isWhole(BigDecimal d) {
        return d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0;
    }

    private BigInteger bigInteger(String label, JsonNode v) {
        if (!v.isNumber()) {
            throw expected(label, "an integer", v);
        }
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue();
        }
        BigDecimal d = v.decimalValue();
        if (d.signum() == 0) {
            return BigInteger.ZERO;
        }
        // never expand a huge exponent: an integer of more digits than JSON numbers may have is refused
        if (d.precision() - d.scale() > Json.MAX_NUMBER_LENGTH) {
            throw outOfRange(label, "an integer of at most " + Json.MAX_NUMBER_LENGTH + " digits", v);
        }
        if (d.precision() - d.scale() <= 0 || !isWhole(d)) {
            throw expected(label, "an integer", v);
        }
        return d.toBigIntegerExact();
    }

    /** A finite binary floating-point value; {@code single} for a {@code float}. */
    private double floating(String label, JsonNode v, boolean single) {
        if (!v.isNumber()) {
            throw expected(label, "a number", v);
        }
        double d = single ? v.floatValue() : v.doubleValue();
        if (!Double.isFinite(d)) {
            throw outOfRange(label, single ? "float" : "double", v);
        }
        return d;
    }

    /**
     * Converts to a primitive or boxed type strictly (no numbers from strings, no truncated fractions,
     * no JSON {@code null} for a primitive), or with the shared Jackson mapper for any other type.
     */
    @SuppressWarnings("unchecked")
    private <T> T convert(String label, JsonNode v, JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw.isPrimitive() || BOXES.containsKey(raw) || raw == String.class) {
            if (v.isNull() && !raw.isPrimitive()) {
                return (T) null;
            }
            Class<?> primitive = raw.isPrimitive() ? raw : BOXES.getOrDefault(raw, raw);
            return (T) scalar(label, v, primitive);
        }
        try {
            return Json.mapper().treeToValue(v, type);
        } catch (Exception e) {
            throw expected(label, raw.getSimpleName(), v);
        }
    }

    private static final Map<Class<?>, Class<?>> BOXES = Map.of(Integer.class, int.class, Long.class, long.class,
            Short.class, short.class, Byte.class, byte.class, Double.class, double.class, Float.class, float.class,
            Boolean.class, boolean.class, Character.class, char.class);

    private Object scalar(String label, JsonNode v, Class<?> type) {
        if (type == int.class) {
            return (int) integer(label, v, Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
        } else if (type == long.class) {
            return integer(label, v, Long.MIN_VALUE, Long.MAX_VALUE, "long");
        } else if (type == short.class) {
            return (short) integer(label, v, Short.MIN_VALUE, Short.MAX_VALUE, "short");
        } else if (type == byte.class) {
            return (byte) integer(label, v, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
        } else if (type == double.class) {
            return floating(label, v, false);
        } else if (type == float.class) {
            return (float) floating(label, v, true);
        } else if (type == boolean.class) {
            return bool(label, v);
        } else if (type == char.class) {
            String s = string(label, v);
            if (s.length() != 1) {
                throw expected(label, "a single character", v);
            }
            return s.charAt(0);
        }
        return string(label, v);
    }

    private RpcError expected(String label, String what, JsonNode v) {
        return invalid(label, "expected " + what + ", got " + abbreviate(v));
    }

    private RpcError outOfRange(String label, String type, JsonNode v) {
        return invalid(label, "out of range for " + type + ": " + abbreviate(v));
    }

    /** The -32602 error for a value that does not fit parameter {@code label}. */
    RpcError invalid(String label, String why) {
        return new RpcError(JsonRpc.INVALID_PARAMS,
                "invalid value for parameter \"" + label + "\" of method \"" + method + "\": " + why);
    }

    private static String abbreviate(JsonNode v) {
        String s = v.toString();
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    @Override
    public String toString() {
        return method + positional() + (extraNamed.isEmpty() ? "" : " " + extraNamed);
    }
}
