package io.jrpcx.internal.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Renders JSON values the way the reference implementation's error messages show them (Python's
 * {@code str()} and {@code repr()} of the decoded value), so that jrpcx's error messages read the same:
 * {@code null} is {@code None}, {@code true} is {@code True}, strings in containers are single-quoted,
 * containers are separated by {@code ", "} and {@code ": "}.
 *
 * <pre>{@code
 * PyText.str(node);   // {'a': [1, None, True]} for {"a":[1,null,true]}
 * }</pre>
 */
public final class PyText {
    private PyText() {
    }

    /** Python's {@code str()} of a decoded JSON value: a top-level string is shown as is. */
    public static String str(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        StringBuilder sb = new StringBuilder();
        repr(node, sb);
        return sb.toString();
    }

    /** Python's {@code repr()} of a decoded JSON value. */
    public static String repr(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        repr(node, sb);
        return sb.toString();
    }

    private static void repr(JsonNode node, StringBuilder sb) {
        switch (node.getNodeType()) {
            case NULL, MISSING -> sb.append("None");
            case BOOLEAN -> sb.append(node.booleanValue() ? "True" : "False");
            case STRING -> string(node.textValue(), sb);
            case NUMBER -> sb.append(number(node));
            case ARRAY -> {
                sb.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    repr(node.get(i), sb);
                }
                sb.append(']');
            }
            case OBJECT -> {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    if (!first) {
                        sb.append(", ");
                    }
                    first = false;
                    string(e.getKey(), sb);
                    sb.append(": ");
                    repr(e.getValue(), sb);
                }
                sb.append('}');
            }
            default -> sb.append(node);
        }
    }

    /** A number as Python shows it: integers exactly, other numbers as the nearest double's repr. */
    public static String number(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        BigDecimal decimal = node.decimalValue();
        return floatRepr(decimal.doubleValue());
    }

    /** Python's {@code repr()} of a float: shortest round-trip digits, {@code inf}, {@code nan}. */
    public static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        // Java's Double.toString gives the shortest digits that round-trip (JDK 19+); reformat them.
        BigDecimal shortest = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int exponent = digits.length() - 1 - shortest.scale(); // decimal exponent of the first digit
        StringBuilder sb = new StringBuilder();
        if (d < 0) {
            sb.append('-');
        }
        if (exponent >= -4 && exponent < 16) {
            if (exponent >= 0) {
                if (digits.length() <= exponent + 1) {
                    sb.append(digits).append("0".repeat(exponent + 1 - digits.length())).append(".0");
                } else {
                    sb.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
                }
            } else {
                sb.append("0.").append("0".repeat(-exponent - 1)).append(digits);
            }
        } else {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                sb.append('0');
            }
            sb.append(abs);
        }
        return sb.toString();
    }

    private static void string(String s, StringBuilder sb) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        sb.append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == quote || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else if (c >= 0x80 && c < 0xa0) {
                sb.append(String.format("\\x%02x", (int) c));
            } else if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)))) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append(quote);
    }
}
