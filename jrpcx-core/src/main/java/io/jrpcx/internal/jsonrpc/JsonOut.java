package io.jrpcx.internal.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * The writing calls the JSON-RPC dialects make, in the order of the output. Two writers implement it:
 * {@link CompactJsonWriter}, which writes straight into a reused buffer, and an adapter over Jackson's
 * generator for what that one does not handle. Both write the same bytes (compact JSON, UTF-8).
 *
 * <pre>{@code
 * byte[] message = JsonCodec.encode(out -> {
 *     out.writeStartObject();
 *     out.writeStringField("jsonrpc", "2.0");
 *     out.writeEndObject();
 * });
 * }</pre>
 */
public interface JsonOut {
    void writeStartObject() throws IOException;

    void writeEndObject() throws IOException;

    void writeStartArray() throws IOException;

    void writeEndArray() throws IOException;

    void writeFieldName(String name) throws IOException;

    void writeString(String value) throws IOException;

    void writeNumber(long value) throws IOException;

    void writeNumber(BigInteger value) throws IOException;

    void writeNumber(BigDecimal value) throws IOException;

    void writeNumber(double value) throws IOException;

    void writeBoolean(boolean value) throws IOException;

    void writeNull() throws IOException;

    /** A node the writer does not write itself (binary, POJO): the Jackson writer's business. */
    void writeOther(JsonNode node) throws IOException;

    default void writeStringField(String name, String value) throws IOException {
        writeFieldName(name);
        writeString(value);
    }

    default void writeNullField(String name) throws IOException {
        writeFieldName(name);
        writeNull();
    }

    default void writeNumberField(String name, int value) throws IOException {
        writeFieldName(name);
        writeNumber(value);
    }

    default void writeObjectFieldStart(String name) throws IOException {
        writeFieldName(name);
        writeStartObject();
    }

    /**
     * Writes a JSON value. Decimals are written exactly, whatever their size ({@code 1E+400} stays
     * {@code 1E+400}); non-finite binary floating-point numbers are refused.
     *
     * @throws IllegalArgumentException for a non-finite number, which JSON cannot express
     */
    default void writeTree(JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                writeStartObject();
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    writeFieldName(e.getKey());
                    writeTree(e.getValue());
                }
                writeEndObject();
            }
            case ARRAY -> {
                writeStartArray();
                for (int i = 0, n = node.size(); i < n; i++) {
                    writeTree(node.get(i));
                }
                writeEndArray();
            }
            case STRING -> writeString(node.textValue());
            case NUMBER -> {
                switch (node.numberType()) {
                    case INT, LONG -> writeNumber(node.longValue());
                    case BIG_INTEGER -> writeNumber(node.bigIntegerValue());
                    case BIG_DECIMAL -> writeNumber(node.decimalValue());
                    case FLOAT, DOUBLE -> {
                        double d = node.doubleValue();
                        if (!Double.isFinite(d)) {
                            throw new IllegalArgumentException("JSON cannot express the number " + d);
                        }
                        writeNumber(d);
                    }
                }
            }
            case BOOLEAN -> writeBoolean(node.booleanValue());
            case NULL, MISSING -> writeNull();
            case BINARY, POJO -> writeOther(node);
        }
    }
}
