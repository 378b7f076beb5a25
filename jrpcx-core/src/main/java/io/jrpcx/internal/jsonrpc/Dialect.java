package io.jrpcx.internal.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.jsonrpc.Arguments;
import io.jrpcx.jsonrpc.Batch;
import io.jrpcx.jsonrpc.Decoded;
import io.jrpcx.jsonrpc.Item;
import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.JsonRpcProtocol;
import io.jrpcx.jsonrpc.Notification;
import io.jrpcx.jsonrpc.ProtocolError;
import io.jrpcx.jsonrpc.Request;
import io.jrpcx.jsonrpc.RequestId;
import io.jrpcx.jsonrpc.Response;
import io.jrpcx.jsonrpc.RpcError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * JSON-RPC 1.0, 2.0 and the loose dialect that accepts both. Stateless.
 *
 * <p>Interpretation of one object, in order: the {@code id} (1.0 requires one; 2.0 and loose accept
 * null, numbers, booleans and strings, a missing id making a notification); for 2.0 the
 * {@code "jsonrpc": "2.0"} member; then for a request (an object with a {@code method} member) the
 * params (1.0: an array; others: array, object or missing) and the method (a string); for a response
 * the {@code result} / {@code error} members. An id of {@code null} makes a notification.
 *
 * <pre>{@code
 * Decoded d = Dialect.V2.messageToItem(bytes);
 * }</pre>
 */
public final class Dialect implements JsonRpcProtocol {

    private enum Kind { V1, V2, LOOSE }

    public static final Dialect V1 = new Dialect(Kind.V1, "v1");
    public static final Dialect V2 = new Dialect(Kind.V2, "v2");
    public static final Dialect LOOSE = new Dialect(Kind.LOOSE, "loose");

    private static final String NO_MESSAGE = "no error message provided";

    private final Kind kind;
    private final String name;

    private Dialect(Kind kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean allowsBatches() {
        return kind != Kind.V1;
    }

    @Override
    public JsonNode parse(byte[] message) {
        return JsonCodec.parse(message);
    }

    @Override
    public Decoded messageToItem(byte[] message) {
        if (kind == Kind.V2) {
            // the common request, read from the token stream; anything else takes the general path
            Decoded.Single simple = FastRequest.tryParse(message);
            if (simple != null) {
                return simple;
            }
        }
        return decode(parse(message));
    }

    @Override
    public Decoded decode(JsonNode payload) {
        if (payload.isArray() && allowsBatches()) {
            if (payload.isEmpty()) {
                throw ProtocolError.inRequest(JsonRpc.INVALID_REQUEST, "batch is empty", RequestId.nullId());
            }
            List<JsonNode> elements = new ArrayList<>(payload.size());
            payload.forEach(elements::add);
            return new Decoded.BatchPayload(elements);
        }
        return payloadToItem(payload);
    }

    @Override
    public Decoded.Single payloadToItem(JsonNode payload) {
        requireObject(payload);
        return payload.has("method") ? request(payload) : response(payload);
    }

    @Override
    public Decoded.Single requestToItem(JsonNode element) {
        requireObject(element);
        return request(element);
    }

    @Override
    public Decoded.Single responseToItem(JsonNode element) {
        requireObject(element);
        return response(element);
    }

    private static void requireObject(JsonNode payload) {
        if (!payload.isObject()) {
            throw ProtocolError.inRequest(JsonRpc.INVALID_REQUEST, "request object must be a dictionary",
                    RequestId.nullId());
        }
    }

    /** Null, numbers, booleans and strings are acceptable ids outside JSON-RPC 1.0. */
    private static boolean acceptableId(JsonNode id) {
        return id.isNull() || id.isNumber() || id.isBoolean() || id.isTextual();
    }

    private Decoded.Single request(JsonNode payload) {
        JsonNode idNode = payload.get("id");
        RequestId id;
        if (idNode == null) {
            if (kind == Kind.V1) {
                throw ProtocolError.inRequest(JsonRpc.INVALID_REQUEST, "request has no \"id\"", RequestId.nullId());
            }
            id = RequestId.absent();
        } else {
            if (kind != Kind.V1 && !acceptableId(idNode)) {
                throw ProtocolError.inRequest(JsonRpc.INVALID_REQUEST, "invalid \"id\": " + PyText.str(idNode),
                        RequestId.nullId());
            }
            id = RequestId.fromJson(idNode);
        }
        RequestId replyId = id.isAbsent() ? RequestId.nullId() : id;
        if (kind == Kind.V2) {
            checkVersion(payload, replyId, true);
        }
        JsonNode params = payload.get("params");
        Arguments args;
        if (params == null && kind != Kind.V1) {
            args = Arguments.none();
        } else if (params != null && (params.isArray() || (params.isObject() && kind != Kind.V1))) {
            args = new Arguments(params);
        } else {
            throw ProtocolError.inRequest(JsonRpc.INVALID_PARAMS,
                    "invalid request arguments: " + (params == null ? "None" : PyText.str(params)), replyId);
        }
        JsonNode method = payload.get("method");
        if (method == null || !method.isTextual()) {
            throw ProtocolError.inRequest(JsonRpc.METHOD_NOT_FOUND, "method must be a string", replyId);
        }
        Item item = id instanceof RequestId.Absent || id instanceof RequestId.Null
                ? new Notification(method.textValue(), args)
                : new Request(method.textValue(), args);
        return new Decoded.Single(item, id);
    }

    private static void checkVersion(JsonNode payload, RequestId id, boolean request) {
        JsonNode version = payload.get("jsonrpc");
        if (version == null || !version.isTextual() || !"2.0".equals(version.textValue())) {
            String message = "\"jsonrpc\" is not \"2.0\"";
            throw request ? ProtocolError.inRequest(JsonRpc.INVALID_REQUEST, message, id)
                    : ProtocolError.inResponse(JsonRpc.INVALID_REQUEST, message, id);
        }
    }

    private Decoded.Single response(JsonNode payload) {
        JsonNode idNode = payload.get("id");
        if (idNode == null) {
            throw ProtocolError.inResponse(JsonRpc.INVALID_REQUEST, "request has no \"id\"", RequestId.nullId());
        }
        if (kind != Kind.V1 && !acceptableId(idNode)) {
            throw ProtocolError.inResponse(JsonRpc.INVALID_REQUEST, "invalid \"id\": " + PyText.str(idNode),
                    RequestId.nullId());
        }
        RequestId id = RequestId.fromJson(idNode);
        JsonNode result = payload.get("result");
        JsonNode error = payload.get("error");
        return switch (kind) {
            case V1 -> {
                if (result == null || error == null) {
                    throw invalidResponse("response must contain both \"result\" and \"error\"", id);
                }
                if (error.isNull()) {
                    yield new Decoded.Single(new Response(result), id);
                }
                if (!result.isNull()) {
                    throw invalidResponse("response has a \"result\" and an \"error\"", id);
                }
                yield new Decoded.Single(lenientError(error), id);
            }
            case V2 -> {
                checkVersion(payload, id, false);
                if (result != null && error != null) {
                    throw invalidResponse("response contains both \"result\" and \"error\"", id);
                }
                if (result != null) {
                    yield new Decoded.Single(new Response(result), id);
                }
                if (error == null) {
                    throw invalidResponse("response contains neither \"result\" nor \"error\"", id);
                }
                yield new Decoded.Single(strictError(error, id), id);
            }
            case LOOSE -> {
                boolean hasError = error != null && !error.isNull();
                if (hasError && result != null && !result.isNull()) {
                    throw invalidResponse("response contains both \"result\" and \"error\"", id);
                }
                if (hasError) {
                    yield new Decoded.Single(lenientError(error), id);
                }
                if (result == null) {
                    throw invalidResponse("response contains neither \"result\" nor \"error\"", id);
                }
                yield new Decoded.Single(new Response(result), id);
            }
        };
    }

    private static ProtocolError invalidResponse(String message, RequestId id) {
        return ProtocolError.inResponse(JsonRpc.INVALID_REQUEST, message, id);
    }

    private static @Nullable Integer intCode(@Nullable JsonNode code) {
        if (code == null) {
            return null;
        }
        if (code.isBoolean()) {
            return code.booleanValue() ? 1 : 0;
        }
        if (code.isIntegralNumber() && code.canConvertToInt()) {
            return code.intValue();
        }
        return null;
    }

    private static @Nullable JsonNode data(JsonNode error) {
        JsonNode data = error.get("data");
        return data == null ? null : data;
    }

    /** A 2.0 error object: an object with an integer {@code code} and a string {@code message}. */
    private static RpcError strictError(JsonNode error, RequestId id) {
        if (error.isObject()) {
            Integer code = intCode(error.get("code"));
            JsonNode message = error.get("message");
            if (code != null && message != null && message.isTextual()) {
                return new RpcError(code, message.textValue(), data(error));
            }
        }
        throw invalidResponse("ill-formed response error object: " + PyText.str(error), id);
    }

    /** Any error value, made the best of: missing parts get code -100 or a stock message. */
    private static RpcError lenientError(JsonNode error) {
        int code = JsonRpc.ERROR_CODE_UNAVAILABLE;
        String message = NO_MESSAGE;
        JsonNode data = null;
        if (error.isObject()) {
            Integer c = intCode(error.get("code"));
            if (c != null) {
                code = c;
            }
            JsonNode m = error.get("message");
            if (m != null && m.isTextual()) {
                message = m.textValue();
            }
            data = data(error);
        } else if (error.isTextual()) {
            message = error.textValue();
        } else {
            Integer c = intCode(error);
            if (c != null) {
                code = c;
            }
        }
        return new RpcError(code, message, data);
    }

    // ---- encoding ----

    private void version(JsonOut g) throws IOException {
        if (kind != Kind.V1) {
            g.writeStringField("jsonrpc", "2.0");
        }
    }

    private static void id(JsonOut g, RequestId id) throws IOException {
        g.writeFieldName("id");
        if (id.isAbsent()) {
            g.writeNull();
        } else {
            g.writeTree(id.toJson());
        }
    }

    private void checkArgs(Arguments args) {
        if (kind == Kind.V1 && args.isNamed()) {
            throw ProtocolError.reportOnly(JsonRpc.INVALID_PARAMS, "JSONRPCv1 does not support named arguments");
        }
    }

    @Override
    public byte[] requestMessage(Request request, RequestId id) {
        checkArgs(request.args());
        return JsonCodec.encode(g -> writeRequest(g, request.method(), request.args(), id));
    }

    private void writeRequest(JsonOut g, String method, Arguments args, RequestId id) throws IOException {
        g.writeStartObject();
        version(g);
        g.writeStringField("method", method);
        if (kind == Kind.V1) {
            g.writeFieldName("params");
            g.writeTree(args.node());
            id(g, id);
        } else {
            if (!id.isAbsent()) {
                id(g, id);
            }
            if (!(args.node().isArray() && args.node().isEmpty())) {
                g.writeFieldName("params");
                g.writeTree(args.node());
            }
        }
        g.writeEndObject();
    }

    @Override
    public byte[] notificationMessage(Notification notification) {
        checkArgs(notification.args());
        return JsonCodec.encode(g -> writeRequest(g, notification.method(), notification.args(),
                kind == Kind.V1 ? RequestId.nullId() : RequestId.absent()));
    }

    @Override
    public byte[] responseMessage(JsonNode result, RequestId id) {
        return JsonCodec.encode(g -> {
            g.writeStartObject();
            version(g);
            g.writeFieldName("result");
            g.writeTree(result);
            if (kind == Kind.V1) {
                g.writeNullField("error");
            }
            id(g, id);
            g.writeEndObject();
        });
    }

    @Override
    public byte[] errorMessage(RpcError error, RequestId id) {
        return JsonCodec.encode(g -> {
            g.writeStartObject();
            version(g);
            if (kind == Kind.V1) {
                g.writeNullField("result");
            }
            g.writeObjectFieldStart("error");
            g.writeNumberField("code", error.code());
            g.writeStringField("message", error.message());
            JsonNode data = error.data();
            if (data != null) {
                g.writeFieldName("data");
                g.writeTree(data);
            }
            g.writeEndObject();
            id(g, id);
            g.writeEndObject();
        });
    }

    @Override
    public byte[] batchMessage(Batch batch, List<RequestId> ids) {
        if (!allowsBatches()) {
            throw ProtocolError.reportOnly(JsonRpc.INVALID_REQUEST, "protocol does not permit batches");
        }
        List<byte[]> parts = new ArrayList<>(batch.size());
        int next = 0;
        for (Item item : batch.items()) {
            switch (item) {
                case Request r -> parts.add(requestMessage(r, ids.get(next++)));
                case Notification n -> parts.add(notificationMessage(n));
                default -> throw new IllegalArgumentException("a batch to send holds requests and notifications, not "
                        + item);
            }
        }
        if (next != ids.size()) {
            throw new IllegalArgumentException(ids.size() + " ids for " + next + " requests");
        }
        return batchMessageFromParts(parts);
    }

    @Override
    public byte[] batchMessageFromParts(List<byte[]> parts) {
        if (parts.isEmpty()) {
            throw ProtocolError.reportOnly(JsonRpc.INVALID_REQUEST, "batch is empty");
        }
        return JsonCodec.joinBatch(parts);
    }

    @Override
    public byte[] encodePayload(JsonNode payload) {
        return JsonCodec.encode(payload);
    }

    @Override
    public String toString() {
        return "JsonRpc." + name.toUpperCase(java.util.Locale.ROOT);
    }
}
