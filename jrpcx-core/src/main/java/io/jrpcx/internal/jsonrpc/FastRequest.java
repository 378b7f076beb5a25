package io.jrpcx.internal.jsonrpc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.jrpcx.internal.json.Json;
import io.jrpcx.jsonrpc.Arguments;
import io.jrpcx.jsonrpc.Decoded;
import io.jrpcx.jsonrpc.Notification;
import io.jrpcx.jsonrpc.Request;
import io.jrpcx.jsonrpc.RequestId;
import io.jrpcx.jsonrpc.Response;
import java.io.IOException;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * The common case of a JSON-RPC 2.0 request read straight from the token stream, without building a
 * tree for the whole message: an object with exactly {@code "jsonrpc":"2.0"}, a string {@code method},
 * {@code params} an array or object of scalars, and an optional integer or string {@code id}, each once;
 * and likewise the common response, {@code "jsonrpc":"2.0"}, a {@code result} that is a scalar or an
 * array or object of scalars, and an integer or string {@code id}. Anything else, valid or not, returns {@code null} and takes the general path, so the outcome is
 * always the one the general path gives. That includes objects of more than {@value #MAX_NAMES} members
 * and any failure of the parser, such as its member-name table refusing names whose hashes collide: the
 * general path, which has no such table, then decides, and the table is started afresh.
 *
 * <pre>{@code
 * Decoded.Single single = FastRequest.tryParse(bytes);   // null: use the general path
 * }</pre>
 */
public final class FastRequest {
    private static final JsonNodeFactory NODES = Json.factory();

    /**
     * Most members of an object read here; larger ones take the general path. Every name read here goes
     * through the parser's shared name table, where names whose hashes collide cost a scan each: this
     * bound keeps what one message can add to it, and so its cost, small.
     */
    static final int MAX_NAMES = 64;

    private FastRequest() {
    }

    /** The request or notification in {@code message}, or {@code null} when it is not of the simple form. */
    public static Decoded.@Nullable Single tryParse(byte[] message) {
        if (message.length < 2 || message.length > Json.MAX_DOCUMENT_LENGTH || message[0] != '{'
                || !Utf8.isValid(message)) {
            return null;
        }
        try (JsonParser p = Json.requestParserFactory().createParser(message)) {
            return parse(p);
        } catch (IOException | RuntimeException e) {
            if (isNameTableOverflow(e)) {
                Json.discardRequestParserNames();
            }
            return null;
        }
    }

    /**
     * Whether the parser's member-name table gave up on names whose hashes collide (Jackson reports it as
     * a constraint violation, older versions as an illegal state): the table stays full in its factory,
     * so every later message adding such a name would fail too.
     */
    private static boolean isNameTableOverflow(Exception e) {
        return (e instanceof StreamConstraintsException || e instanceof IllegalStateException)
                && String.valueOf(e.getMessage()).contains("hash collisions");
    }

    private static Decoded.@Nullable Single parse(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        boolean version = false;
        String method = null;
        ContainerNode<?> params = null;
        JsonNode result = null;
        RequestId id = RequestId.absent();
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken value = p.nextToken();
            switch (name) {
                case "jsonrpc" -> {
                    if (version || value != JsonToken.VALUE_STRING || !"2.0".equals(p.getText())) {
                        return null;
                    }
                    version = true;
                }
                case "method" -> {
                    if (method != null || value != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    method = p.getText();
                }
                case "params" -> {
                    if (params != null) {
                        return null;
                    }
                    params = flatContainer(p, value);
                    if (params == null) {
                        return null;
                    }
                }
                case "result" -> {
                    if (result != null) {
                        return null;
                    }
                    result = value == JsonToken.START_ARRAY || value == JsonToken.START_OBJECT
                            ? flatContainer(p, value) : scalar(p, value);
                    if (result == null) {
                        return null;
                    }
                }
                case "id" -> {
                    if (!id.isAbsent()) {
                        return null;
                    }
                    if (value == JsonToken.VALUE_STRING) {
                        id = RequestId.of(p.getText());
                    } else if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                        id = new RequestId.Num(NODES.numberNode(p.getIntValue()));
                    } else {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null || !version) {
            return null;
        }
        if (result != null) {
            return method == null && params == null && !id.isAbsent()
                    ? new Decoded.Single(new Response(result), id) : null;
        }
        if (method == null || params == null) {
            return null;
        }
        Arguments args = new Arguments(params);
        return new Decoded.Single(id.isAbsent() ? new Notification(method, args) : new Request(method, args), id);
    }

    /** An array or object whose members are all scalars, or {@code null}. */
    private static @Nullable ContainerNode<?> flatContainer(JsonParser p, JsonToken start) throws IOException {
        if (start == JsonToken.START_ARRAY) {
            var array = NODES.arrayNode();
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                JsonNode scalar = scalar(p, t);
                if (scalar == null) {
                    return null;
                }
                array.add(scalar);
            }
            return array;
        }
        if (start == JsonToken.START_OBJECT) {
            var object = NODES.objectNode();
            String key;
            while ((key = p.nextFieldName()) != null) {
                JsonNode scalar = scalar(p, p.nextToken());
                if (scalar == null || object.has(key) || object.size() == MAX_NAMES) {
                    return null;
                }
                object.set(key, scalar);
            }
            return object;
        }
        return null;
    }

    /** The node the general path would build for a scalar token, or {@code null} for anything else. */
    private static @Nullable JsonNode scalar(JsonParser p, @Nullable JsonToken t) throws IOException {
        if (t == null) {
            return null;
        }
        return switch (t) {
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> NODES.numberNode(p.getIntValue());
                case LONG -> NODES.numberNode(p.getLongValue());
                default -> NODES.numberNode(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> {
                BigDecimal d = p.getDecimalValue();
                int scale = d.scale();
                yield scale > Json.MAX_DECIMAL_SCALE || scale < -Json.MAX_DECIMAL_SCALE ? null : NODES.numberNode(d);
            }
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> null;
        };
    }
}
