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
    private final List<String> names;
    private final @Nullable JsonNode[] values;
    private final List<JsonNode> rest;
    private final Map<String, JsonNode> extraNamed;

    /** Used by the binder: {@code values[i]} is the value of {@code names.get(i)}, null when not passed. */
    Params(String method, List<String> names, @Nullable JsonNode[] values, List<JsonNode> rest,
            Map<String, JsonNode> extraNamed) {
        this.method = method;
        this.names = names;
        this.values = values;
        this.rest = Collections.unmodifiableList(rest);
        this.extraNamed = Collections.unmodifiableMap(extraNamed);
    }

    /** The method called. */
    public String method() {
        return method;
    }

    /**
     * The number of positional values: declared parameters up to the last one passed, then the rest.
     * For {@link Signature#varargs()} it is the number of arguments.
     */
    public int size() {
        int declared = 0;
        for (int i = values.length - 1; i >= 0; i--) {
            if (values[i] != null) {
                declared = i + 1;
                break;
            }
        }
        return rest.isEmpty() ? declared : values.length + rest.size();
    }

    /** Whether the declared parameter {@code name} was passed. */
    public boolean has(String name) {
        int i = names.indexOf(name);
        return i >= 0 ? values[i] != null : extraNamed.containsKey(name);
    }

    /** The value of a declared (or extra named) parameter, or {@code null} when it was not passed. */
    public @Nullable JsonNode get(String name) {
        int i = names.indexOf(name);
        return i >= 0 ? values[i] : extraNamed.get(name);
    }

    /**
     * The value at a position: declared parameters first, then the rest.
     *
     * @throws IndexOutOfBoundsException when there is no such value
     */
    public JsonNode get(int index) {
        if (index < values.length) {
            JsonNode v = values[index];
            if (v == null) {
                throw new IndexOutOfBoundsException("parameter " + names.get(index) + " was not passed");
            }
            return v;
        }
        return rest.get(index - values.length);
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

    public String getString(String name) {
        return get(name, String.class);
    }

    public String getString(int index) {
        return get(index, String.class);
    }

    public int getInt(String name) {
        return get(name, Integer.class);
    }

    public int getInt(int index) {
        return get(index, Integer.class);
    }

    public long getLong(String name) {
        return get(name, Long.class);
    }

    public long getLong(int index) {
        return get(index, Long.class);
    }

    public double getDouble(String name) {
        return get(name, Double.class);
    }

    public double getDouble(int index) {
        return get(index, Double.class);
    }

    public boolean getBoolean(String name) {
        return get(name, Boolean.class);
    }

    public boolean getBoolean(int index) {
        return get(index, Boolean.class);
    }

    /** The exact value of a number: integers of any size and decimals keep every digit. */
    public BigDecimal getDecimal(String name) {
        return decimal(name, require(name));
    }

    /** The exact value of the number at {@code index}. */
    public BigDecimal getDecimal(int index) {
        return decimal(label(index), get(index));
    }

    public BigInteger getBigInteger(String name) {
        return get(name, BigInteger.class);
    }

    public BigInteger getBigInteger(int index) {
        return get(index, BigInteger.class);
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
        return index < names.size() ? names.get(index) : "#" + index;
    }

    private BigDecimal decimal(String label, JsonNode v) {
        if (!v.isNumber()) {
            throw invalid(label, "expected a number, got " + abbreviate(v));
        }
        return v.decimalValue();
    }

    private <T> T convert(String label, JsonNode v, JavaType type) {
        try {
            return Json.mapper().treeToValue(v, type);
        } catch (Exception e) {
            throw invalid(label, "expected " + type.getRawClass().getSimpleName() + ", got " + abbreviate(v));
        }
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
