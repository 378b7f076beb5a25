package io.jrpcx.internal.jsonrpc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
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
        void write(JsonOut out) throws IOException;
    }

    /**
     * Parses a message: strict UTF-8 (no byte-order mark), exactly one JSON value, no {@code NaN} or
     * {@code Infinity}, within every limit of {@link Json} (nesting no deeper than
     * {@link Json#MAX_NESTING_DEPTH}, lengths, decimal exponents).
     *
     * @throws ProtocolError -32700, answered with id {@code null}: {@code invalid JSON}, or for valid JSON
     *     beyond a limit other than nesting a message saying which
     */
    public static JsonNode parse(byte[] message) {
        if (!Utf8.isValid(message)) {
            throw ProtocolError.inRequest(JsonRpc.PARSE_ERROR, "messages must be encoded in UTF-8",
                    RequestId.nullId());
        }
        if (message.length > Json.MAX_DOCUMENT_LENGTH) {
            throw parseError(DOCUMENT_TOO_LONG);
        }
        if (message.length >= 3 && (message[0] & 0xff) == 0xef && (message[1] & 0xff) == 0xbb
                && (message[2] & 0xff) == 0xbf) {
            throw invalidJson();
        }
        JsonNode node;
        try {
            node = Json.nodeReader().readTree(message);
        } catch (StreamConstraintsException e) {
            throw parseError(limitMessage(e));
        } catch (Json.LimitExceeded e) {
            throw parseError(e.getMessage());
        } catch (NumberFormatException e) {
            throw parseError(Json.NUMBER_OUT_OF_RANGE); // an exponent BigDecimal cannot hold
        } catch (IOException | RuntimeException e) {
            throw invalidJson();
        }
        if (node == null || node.isMissingNode()) {
            throw invalidJson();
        }
        return node;
    }

    private static final String DOCUMENT_TOO_LONG = "message longer than " + Json.MAX_DOCUMENT_LENGTH + " bytes";

    private static ProtocolError invalidJson() {
        return parseError("invalid JSON");
    }

    private static ProtocolError parseError(String message) {
        return ProtocolError.inRequest(JsonRpc.PARSE_ERROR, message, RequestId.nullId());
    }

    /**
     * The message for valid JSON beyond one of Jackson's limits. Nesting keeps {@code invalid JSON}, the
     * text the reference's answer to such messages is compared with.
     */
    private static String limitMessage(StreamConstraintsException e) {
        String text = String.valueOf(e.getOriginalMessage());
        if (text.startsWith("Number value length")) {
            return "number longer than " + Json.MAX_NUMBER_LENGTH + " characters";
        }
        if (text.startsWith("String value length")) {
            return "string longer than " + Json.MAX_STRING_LENGTH + " characters";
        }
        if (text.startsWith("Name length")) {
            return "member name longer than " + Json.MAX_NAME_LENGTH + " characters";
        }
        if (text.startsWith("Document length")) {
            return DOCUMENT_TOO_LONG;
        }
        return "invalid JSON";
    }

    /**
     * Encodes one message compactly as UTF-8: with a pooled {@link CompactJsonWriter}, or with
     * Jackson for what that one leaves to it. Both write the same bytes.
     *
     * @throws IllegalArgumentException if a value holds a non-finite number, which JSON cannot express
     */
    public static byte[] encode(Body body) {
        CompactJsonWriter w = CompactJsonWriter.acquire();
        try {
            body.write(w);
            return w.toByteArray();
        } catch (CompactJsonWriter.Unsupported e) {
            return encodeWithJackson(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            w.release();
        }
    }

    /** Encodes one message with Jackson's generator (the reference for {@link CompactJsonWriter}). */
    public static byte[] encodeWithJackson(Body body) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(256);
                JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
            body.write(new JacksonOut(g));
            g.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Encodes a single JSON value. */
    public static byte[] encode(JsonNode node) {
        return encode(out -> out.writeTree(node));
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

    /** {@link JsonOut} over Jackson's generator. */
    private record JacksonOut(JsonGenerator g) implements JsonOut {
        @Override
        public void writeStartObject() throws IOException {
            g.writeStartObject();
        }

        @Override
        public void writeEndObject() throws IOException {
            g.writeEndObject();
        }

        @Override
        public void writeStartArray() throws IOException {
            g.writeStartArray();
        }

        @Override
        public void writeEndArray() throws IOException {
            g.writeEndArray();
        }

        @Override
        public void writeFieldName(String name) throws IOException {
            g.writeFieldName(name);
        }

        @Override
        public void writeString(String value) throws IOException {
            g.writeString(value);
        }

        @Override
        public void writeNumber(long value) throws IOException {
            g.writeNumber(value);
        }

        @Override
        public void writeNumber(java.math.BigInteger value) throws IOException {
            g.writeNumber(value);
        }

        @Override
        public void writeNumber(java.math.BigDecimal value) throws IOException {
            g.writeNumber(value);
        }

        @Override
        public void writeNumber(double value) throws IOException {
            g.writeNumber(value);
        }

        @Override
        public void writeBoolean(boolean value) throws IOException {
            g.writeBoolean(value);
        }

        @Override
        public void writeNull() throws IOException {
            g.writeNull();
        }

        @Override
        public void writeOther(JsonNode node) throws IOException {
            if (node instanceof com.fasterxml.jackson.databind.node.POJONode pojo) {
                writeTree(Json.toNode(pojo.getPojo()));
            } else {
                g.writeBinary(node.binaryValue());
            }
        }
    }
}
