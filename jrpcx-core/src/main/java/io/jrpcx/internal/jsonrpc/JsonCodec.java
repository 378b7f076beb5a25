package io.jrpcx.internal.jsonrpc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.internal.json.Json;
import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.ProtocolError;
import io.jrpcx.jsonrpc.RequestId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Parsing of messages (strict UTF-8, strict JSON) and compact encoding of JSON values.
 *
 * <pre>{@code
 * JsonNode payload = JsonCodec.parse(bytes);
 * byte[] out = JsonCodec.encode(payload);
 * }</pre>
 */
public final class JsonCodec {
    private JsonCodec() {
    }

    /** Writes the body of one message. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * Parses a message: strict UTF-8 (no byte-order mark), exactly one JSON value, no {@code NaN} or
     * {@code Infinity}, nesting no deeper than {@link Json#MAX_NESTING_DEPTH}.
     *
     * @throws ProtocolError -32700, answered with id {@code null}
     */
    public static JsonNode parse(byte[] message) {
        if (!Utf8.isValid(message)) {
            throw ProtocolError.inRequest(JsonRpc.PARSE_ERROR, "messages must be encoded in UTF-8",
                    RequestId.nullId());
        }
        if (message.length >= 3 && (message[0] & 0xff) == 0xef && (message[1] & 0xff) == 0xbb
                && (message[2] & 0xff) == 0xbf) {
            throw invalidJson();
        }
        JsonNode node;
        try {
            node = Json.nodeReader().readTree(message);
        } catch (IOException | RuntimeException e) {
            throw invalidJson();
        }
        if (node == null || node.isMissingNode()) {
            throw invalidJson();
        }
        return node;
    }

    private static ProtocolError invalidJson() {
        return ProtocolError.inRequest(JsonRpc.PARSE_ERROR, "invalid JSON", RequestId.nullId());
    }

    /**
     * Encodes one message compactly as UTF-8.
     *
     * @throws IllegalArgumentException if a value holds a non-finite number, which JSON cannot express
     */
    public static byte[] encode(Body body) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(256);
                JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
            body.write(g);
            g.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Encodes a single JSON value. */
    public static byte[] encode(JsonNode node) {
        return encode(g -> write(g, node));
    }

    /** Joins encoded messages into a batch: {@code [a, b, c]}. */
    public static byte[] joinBatch(List<byte[]> parts) {
        int size = 2 + Math.max(0, parts.size() - 1) * 2;
        for (byte[] part : parts) {
            size += part.length;
        }
        byte[] out = new byte[size];
        int pos = 0;
        out[pos++] = '[';
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                out[pos++] = ',';
                out[pos++] = ' ';
            }
            byte[] part = parts.get(i);
            System.arraycopy(part, 0, out, pos, part.length);
            pos += part.length;
        }
        out[pos] = ']';
        return out;
    }

    /** Writes a JSON value; non-finite floating-point numbers are refused. */
    public static void write(JsonGenerator g, JsonNode node) throws IOException {
        write(g, node, false);
    }

    /**
     * Writes a result: as {@link #write(JsonGenerator, JsonNode)}, and decimals too large for a double
     * are refused as well, since peers read them as infinity (the reference would have sent
     * {@code Infinity}, which JSON cannot express).
     */
    public static void writeResult(JsonGenerator g, JsonNode node) throws IOException {
        write(g, node, true);
    }

    private static void write(JsonGenerator g, JsonNode node, boolean doubleRange) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue(), doubleRange);
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (int i = 0, n = node.size(); i < n; i++) {
                    write(g, node.get(i), doubleRange);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(node.textValue());
            case NUMBER -> writeNumber(g, node, doubleRange);
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case NULL, MISSING -> g.writeNull();
            case BINARY -> g.writeBinary(node.binaryValue());
            case POJO -> write(g, Json.toNode(((com.fasterxml.jackson.databind.node.POJONode) node).getPojo()), doubleRange);
        }
    }

    private static void writeNumber(JsonGenerator g, JsonNode node, boolean doubleRange) throws IOException {
        switch (node.numberType()) {
            case INT, LONG -> g.writeNumber(node.longValue());
            case BIG_INTEGER -> g.writeNumber(node.bigIntegerValue());
            case BIG_DECIMAL -> {
                if (doubleRange && Double.isInfinite(node.decimalValue().doubleValue())) {
                    throw new IllegalArgumentException("peers read the number " + node.decimalValue() + " as infinity");
                }
                g.writeNumber(node.decimalValue());
            }
            case FLOAT, DOUBLE -> {
                double d = node.doubleValue();
                if (!Double.isFinite(d)) {
                    throw new IllegalArgumentException("JSON cannot express the number " + d);
                }
                g.writeNumber(d);
            }
        }
    }
}
