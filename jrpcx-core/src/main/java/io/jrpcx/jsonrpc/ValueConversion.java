package io.jrpcx.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.internal.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Strict conversion of a JSON value to a Java scalar for {@link Params}: no number from a string, no
 * string from a number, no truncated fraction, no JSON {@code null} for a primitive, and no number out of
 * the type's range; an integer written as a decimal ({@code 1.0}, {@code 1e3}) counts. Exponents are
 * never expanded beyond what the result can hold, so {@code 1e999999999} costs nothing.
 *
 * <pre>{@code
 * try {
 *     int n = (Integer) ValueConversion.scalar(node, int.class);
 * } catch (ValueConversion.Mismatch m) {
 *     throw params.invalid("n", m.getMessage());   // "expected an integer, got \"12\""
 * }
 * }</pre>
 */
final class ValueConversion {
    private ValueConversion() {
    }

    /** Why a value does not fit: the text after {@code invalid value for parameter "p" of method "m": }. */
    static final class Mismatch extends RuntimeException {
        Mismatch(String why) {
            super(why, null, false, false);
        }
    }

    private static final Map<Class<?>, Class<?>> BOXES = Map.of(Integer.class, int.class, Long.class, long.class,
            Short.class, short.class, Byte.class, byte.class, Double.class, double.class, Float.class, float.class,
            Boolean.class, boolean.class, Character.class, char.class);

    /** Whether {@code type} is converted here: primitives, their boxes, strings and exact numbers. */
    static boolean isScalar(Class<?> type) {
        return type.isPrimitive() || BOXES.containsKey(type) || type == String.class || type == BigInteger.class
                || type == BigDecimal.class;
    }

    /**
     * {@code v} as a {@code type} (one {@link #isScalar(Class)} accepts); JSON {@code null} is
     * {@code null} for a reference type.
     *
     * @throws Mismatch if it does not fit
     */
    static @Nullable Object scalar(JsonNode v, Class<?> type) {
        if (v.isNull() && !type.isPrimitive()) {
            return null;
        }
        Class<?> t = type.isPrimitive() ? type : BOXES.getOrDefault(type, type);
        if (t == int.class) {
            return (int) integer(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
        } else if (t == long.class) {
            return integer(v, Long.MIN_VALUE, Long.MAX_VALUE, "long");
        } else if (t == short.class) {
            return (short) integer(v, Short.MIN_VALUE, Short.MAX_VALUE, "short");
        } else if (t == byte.class) {
            return (byte) integer(v, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
        } else if (t == double.class) {
            return floating(v, false);
        } else if (t == float.class) {
            return (float) floating(v, true);
        } else if (t == boolean.class) {
            if (!v.isBoolean()) {
                throw expected("a boolean", v);
            }
            return v.booleanValue();
        } else if (t == char.class) {
            String s = string(v);
            if (s.length() != 1) {
                throw expected("a single character", v);
            }
            return s.charAt(0);
        } else if (t == BigInteger.class) {
            return bigInteger(v);
        } else if (t == BigDecimal.class) {
            if (!v.isNumber()) {
                throw expected("a number", v);
            }
            return v.decimalValue();
        }
        return string(v);
    }

    private static String string(JsonNode v) {
        if (!v.isTextual()) {
            throw expected("a string", v);
        }
        return v.textValue();
    }

    /** An integer in {@code [min, max]}. */
    private static long integer(JsonNode v, long min, long max, String type) {
        if (!v.isNumber()) {
            throw expected("an integer", v);
        }
        long value;
        if (v.isIntegralNumber()) {
            if (!v.canConvertToLong()) {
                throw outOfRange(type, v);
            }
            value = v.longValue();
        } else {
            BigDecimal d = v.decimalValue();
            if (d.signum() != 0 && d.precision() - d.scale() > 19) {
                throw outOfRange(type, v); // before anything could expand 1e999999999
            }
            try {
                value = d.longValueExact();
            } catch (ArithmeticException e) {
                throw d.precision() - d.scale() > 0 && isWhole(d) ? outOfRange(type, v) : expected("an integer", v);
            }
        }
        if (value < min || value > max) {
            throw outOfRange(type, v);
        }
        return value;
    }

    /** Whether a decimal with an integer part has no fraction. */
    private static boolean isWhole(BigDecimal d) {
        return d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0;
    }

    private static BigInteger bigInteger(JsonNode v) {
        if (!v.isNumber()) {
            throw expected("an integer", v);
        }
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue();
        }
        BigDecimal d = v.decimalValue();
        if (d.signum() == 0) {
            return BigInteger.ZERO;
        }
        // an integer of more digits than a JSON number may have is refused, never expanded
        if (d.precision() - d.scale() > Json.MAX_NUMBER_LENGTH) {
            throw outOfRange("an integer of at most " + Json.MAX_NUMBER_LENGTH + " digits", v);
        }
        if (d.precision() - d.scale() <= 0 || !isWhole(d)) {
            throw expected("an integer", v);
        }
        return d.toBigIntegerExact();
    }

    /** A finite binary floating-point value; {@code single} for a {@code float}. */
    private static double floating(JsonNode v, boolean single) {
        if (!v.isNumber()) {
            throw expected("a number", v);
        }
        double d = single ? v.floatValue() : v.doubleValue();
        if (!Double.isFinite(d)) {
            throw outOfRange(single ? "float" : "double", v);
        }
        return d;
    }

    private static Mismatch expected(String what, JsonNode v) {
        return new Mismatch("expected " + what + ", got " + abbreviate(v));
    }

    private static Mismatch outOfRange(String type, JsonNode v) {
        return new Mismatch("out of range for " + type + ": " + abbreviate(v));
    }

    /** A value as shown in an error message: its JSON, cut at 40 characters. */
    static String abbreviate(JsonNode v) {
        String s = v.toString();
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
