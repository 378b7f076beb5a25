package io.jrpcx.jsonrpc;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * {@link #rest()}, further named ones as {@link #extraNamed()}. Typed getters convert primitives, their
 * boxes, strings and exact numbers strictly (no JSON {@code null} for a primitive, no number from a
 * string, no truncated fraction, nothing out of range) and other types with the shared Jackson mapper;
 * a value that does not convert is a -32602 {@link RpcError} naming the parameter and the method.
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
    private final ObjectMapper mapper;

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
        this.mapper = Json.mapper();
    }

    private Params(Params p, ObjectMapper mapper) {
        this.method = p.method;
        this.signature = p.signature;
        this.values = p.values;
        this.rest = p.rest;
        this.extraNamed = p.extraNamed;
        this.mapper = mapper;
    }

    /** These arguments, converting non-scalar values with {@code mapper}. */
    Params withMapper(ObjectMapper mapper) {
        return mapper == this.mapper ? this : new Params(this, mapper);
    }

    /**
     * {@return the mapper that converts values of types other than scalars (the session's, or jrpcx's default)}
     */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** {@return the method called} */
    public String method() {
        return method;
    }

    /**
     * The number of positional values: declared parameters that may be passed by position, up to the
     * last one passed, then the rest. For {@link Signature#varargs()} it is the number of arguments.
     * Named-only parameters are not counted: get them by name.
     *
     * @return the count, zero or more
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

    /**
     * {@return whether the declared parameter {@code name} was passed}
     *
     * @param name the parameter's name
     */
    public boolean has(String name) {
        int i = signature.names().indexOf(name);
        return i >= 0 ? values[i] != null : extraNamed.containsKey(name);
    }

    /**
     * {@return the value of a declared (or extra named) parameter, or {@code null} when it was not passed}
     *
     * @param name the parameter's name
     */
    public @Nullable JsonNode get(String name) {
        int i = signature.names().indexOf(name);
        return i >= 0 ? values[i] : extraNamed.get(name);
    }

    /**
     * {@return the value at a position: declared parameters first, then the rest}
     *
     * @param index the position, from 0
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

    /** {@return the positional arguments beyond the declared parameters} */
    public List<JsonNode> rest() {
        return rest;
    }

    /**
     * {@return the named arguments beyond the declared parameters (only with {@link Signature#withAnyNamed()})}
     */
    public Map<String, JsonNode> extraNamed() {
        return extraNamed;
    }

    /** {@return all positional values: {@code get(0)} to {@code get(size() - 1)}} */
    public List<JsonNode> positional() {
        List<JsonNode> all = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            all.add(get(i));
        }
        return all;
    }

    // ---- typed getters ----

    /**
     * {@return the value of {@code name} converted to {@code type}}
     *
     * @param <T> the Java type
     * @param name the parameter's name
     * @param type the class to convert to
     */
    public <T> T get(String name, Class<T> type) {
        return convert(name, require(name), type);
    }

    /**
     * {@return the value of {@code name} converted to {@code type}, or {@code fallback} when not passed}
     *
     * @param <T> the Java type
     * @param name the parameter's name
     * @param type the class to convert to
     * @param fallback the value when the parameter was not passed
     */
    public <T> T get(String name, Class<T> type, T fallback) {
        JsonNode v = get(name);
        return v == null ? fallback : convert(name, v, type);
    }

    /**
     * {@return the value of {@code name} converted to a (possibly generic) Jackson type}
     *
     * @param <T> the Java type
     * @param name the parameter's name
     * @param type the Jackson type to convert to
     */
    public <T> T get(String name, JavaType type) {
        return convert(name, require(name), type);
    }

    /**
     * {@return the value at {@code index} converted to a (possibly generic) Jackson type}
     *
     * @param <T> the Java type
     * @param index the position, from 0
     * @param type the Jackson type to convert to
     */
    public <T> T get(int index, JavaType type) {
        return convert(label(index), get(index), type);
    }

    /**
     * {@return the value at {@code index} converted to {@code type}}
     *
     * @param <T> the Java type
     * @param index the position, from 0
     * @param type the class to convert to
     */
    public <T> T get(int index, Class<T> type) {
        return convert(label(index), get(index), type);
    }

    /**
     * {@return the string value of {@code name}; anything else (a number, {@code null}) is a -32602 error}
     *
     * @param name the parameter's name
     */
    public String getString(String name) {
        return present(name, get(name, String.class), "a string");
    }

    /**
     * {@return the string value at {@code index}; anything else is a -32602 error}
     *
     * @param index the position, from 0
     */
    public String getString(int index) {
        return present(label(index), get(index, String.class), "a string");
    }

    /**
     * {@return the value of {@code name} as an {@code int}: an integer (or a decimal with an integer value) in
     * range}
     *
     * @param name the parameter's name
     */
    public int getInt(String name) {
        return get(name, int.class);
    }

    /**
     * {@return the {@code int} value at {@code index}, converted strictly; see {@link #getInt(String)}}
     *
     * @param index the position, from 0
     */
    public int getInt(int index) {
        return get(index, int.class);
    }

    /**
     * {@return the {@code long} value of {@code name}, converted strictly: no fraction, string or null}
     *
     * @param name the parameter's name
     */
    public long getLong(String name) {
        return get(name, long.class);
    }

    /**
     * {@return the {@code long} value at {@code index}, converted strictly}
     *
     * @param index the position, from 0
     */
    public long getLong(int index) {
        return get(index, long.class);
    }

    /**
     * {@return the value of {@code name} as a {@code double}: a number within the range of a {@code double}}
     *
     * @param name the parameter's name
     */
    public double getDouble(String name) {
        return get(name, double.class);
    }

    /**
     * {@return the {@code double} value at {@code index}, converted strictly}
     *
     * @param index the position, from 0
     */
    public double getDouble(int index) {
        return get(index, double.class);
    }

    /**
     * {@return the boolean value of {@code name}: only JSON {@code true} or {@code false}}
     *
     * @param name the parameter's name
     */
    public boolean getBoolean(String name) {
        return get(name, boolean.class);
    }

    /**
     * {@return the boolean value at {@code index}: only JSON {@code true} or {@code false}}
     *
     * @param index the position, from 0
     */
    public boolean getBoolean(int index) {
        return get(index, boolean.class);
    }

    /**
     * {@return the exact value of a number: integers of any size and decimals keep every digit}
     *
     * @param name the parameter's name
     */
    public BigDecimal getDecimal(String name) {
        return present(name, get(name, BigDecimal.class), "a number");
    }

    /**
     * {@return the exact value of the number at {@code index}}
     *
     * @param index the position, from 0
     */
    public BigDecimal getDecimal(int index) {
        return present(label(index), get(index, BigDecimal.class), "a number");
    }

    /**
     * {@return the value of {@code name} as an integer of any size (a decimal must have an integer value)}
     *
     * @param name the parameter's name
     */
    public BigInteger getBigInteger(String name) {
        return present(name, get(name, BigInteger.class), "an integer");
    }

    /**
     * {@return the integer value at {@code index}, exact, of any size}
     *
     * @param index the position, from 0
     */
    public BigInteger getBigInteger(int index) {
        return present(label(index), get(index, BigInteger.class), "an integer");
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

    /** A converted value that JSON {@code null} must not stand for. */
    private <T> T present(String label, @Nullable T value, String what) {
        if (value == null) {
            throw invalid(label, "expected " + what + ", got null");
        }
        return value;
    }

    private <T> T convert(String label, JsonNode v, Class<T> type) {
        return ValueConversion.isScalar(type) ? scalar(label, v, type)
                : convert(label, v, mapper.constructType(type));
    }

    @SuppressWarnings("unchecked")
    private <T> T scalar(String label, JsonNode v, Class<?> type) {
        try {
            return (T) ValueConversion.scalar(v, type);
        } catch (ValueConversion.Mismatch m) {
            throw invalid(label, m.getMessage());
        }
    }

    /**
     * Converts to a primitive, boxed, string or exact number type strictly (see
     * {@link ValueConversion}), or with the shared Jackson mapper for any other type.
     */
    private <T> T convert(String label, JsonNode v, JavaType type) {
        Class<?> raw = type.getRawClass();
        if (ValueConversion.isScalar(raw)) {
            return scalar(label, v, raw);
        }
        try {
            return mapper.treeToValue(v, type);
        } catch (Exception e) {
            throw invalid(label, "expected " + raw.getSimpleName() + ", got " + ValueConversion.abbreviate(v));
        }
    }

    /** The -32602 error for a value that does not fit parameter {@code label}. */
    RpcError invalid(String label, String why) {
        return new RpcError(JsonRpc.INVALID_PARAMS,
                "invalid value for parameter \"" + label + "\" of method \"" + method + "\": " + why);
    }

    @Override
    public String toString() {
        return method + positional() + (extraNamed.isEmpty() ? "" : " " + extraNamed);
    }
}
