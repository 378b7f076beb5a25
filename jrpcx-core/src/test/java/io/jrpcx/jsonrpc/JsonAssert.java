package io.jrpcx.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/** JSON comparison for tests: numbers compare by value (integers exactly, others as doubles). */
final class JsonAssert {
    /** Reads the reference corpus, which may hold {@code Infinity} and {@code NaN}. */
    static final JsonMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private JsonAssert() {
    }

    static JsonNode read(String text) {
        try {
            return LENIENT.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(byte[] bytes) {
        return read(new String(bytes, StandardCharsets.UTF_8));
    }

    static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            if (a.isIntegralNumber() && b.isIntegralNumber()) {
                return a.bigIntegerValue().equals(b.bigIntegerValue());
            }
            double x = a.isBigDecimal() ? a.decimalValue().doubleValue() : a.doubleValue();
            double y = b.isBigDecimal() ? b.decimalValue().doubleValue() : b.doubleValue();
            return Double.compare(x, y) == 0 || (x == y);
        }
        if (a.getNodeType() != b.getNodeType()) {
            return false;
        }
        if (a.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode other = b.get(e.getKey());
                if (other == null || !same(e.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    static void assertSame(String what, JsonNode actual, JsonNode expected) {
        assertThat(same(actual, expected)).as("%s: expected %s but was %s", what, expected, actual).isTrue();
    }

    /** The wire text matches exactly, or else is the same JSON (number spelling, escapes may differ). */
    static void assertSameMessage(String what, byte[] actual, String expected) {
        String text = new String(actual, StandardCharsets.UTF_8);
        if (text.equals(expected)) {
            return;
        }
        assertThat(same(read(text), read(expected))).as("%s: expected %s but was %s", what, expected, text).isTrue();
    }
}
