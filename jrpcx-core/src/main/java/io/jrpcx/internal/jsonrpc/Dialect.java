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
 * What JSON-RPC 1.0, 2.0 and the loose dialect that accepts both share; each is a small subclass
 * ({@link V1Dialect}, and {@link V2Dialect} and {@link LooseDialect} with what they share in {@link TwoDotZeroFamily}) that says where it differs. Stateless.
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
public abstract sealed class Dialect implements JsonRpcProtocol permits V1Dialect, TwoDotZeroFamily {

    public static final Dialect V1 = new V1Dialect();
    public static final Dialect V2 = new V2Dialect();
    public static final Dialect LOOSE = new LooseDialect();

    static final String NO_MESSAGE = "no error message provided";

    private final String name;

    Dialect(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    // ---- where the dialects differ ----

    /**
     * The id of a request: 1.0 requires one and takes any value; the others make a notification of a
     * missing one and accept null, numbers, booleans and strings.
     */
    abstract RequestId requestId(@Nullable JsonNode idNode);

    /** Checks the {@code "jsonrpc": "2.0"} member, where the dialect asks for it. */
    void checkVersion(JsonNode payload, RequestId id, boolean request) {
    }

    /** The arguments of a request from its {@code params} member, or {@code null} if they are not acceptable. */
    abstract @Nullable Arguments arguments(@Nullable JsonNode params);

    /** Whether a response's id has an acceptable type. */
    boolean acceptsResponseId(JsonNode idNode) {
        return acceptableId(idNode);
    }

    /** The item of a response whose {@code result} and {@code error} members are as given. */
    abstract Decoded.Single responseItem(JsonNode payload, @Nullable JsonNode result, @Nullable JsonNode error,
                                         RequestId id);

    /** Refuses arguments the dialect cannot send. */
    void checkArgs(Arguments args) {
    }

    /** Writes the members of a request or notification object after its method. */
    abstract void writeRequestMembers(JsonOut g, Arguments args, RequestId id) throws IOException;

    /** The id a notification is sent with. */
    abstract RequestId notificationId();

    /** Writes the version member; only 1.0 has none. */
    void writeVersion(JsonOut g) throws IOException {
        g.writeStringField("jsonrpc", "2.0");
    }

    /** Writes what a response carries beside its result or error: 1.0 writes the other one as null. */
    void writeOtherMember(JsonOut g, String name) throws IOException {
    }

    // ---- shared ----

    @Override
    public JsonNode parse(byte[] message) {
        return JsonCodec.parse(message);
    }

    @Override
    public Decoded messageToItem(byte[] message) {
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
    static boolean acceptableId(JsonNode id) {
        return id.isNull() || id.isNumber() || id.isBoolean() || id.isTextual();
    }

    private Decoded.Single request(JsonNode payload) {
        RequestId id = requestId(payload.get("id"));
        RequestId replyId = id.isAbsent() ? RequestId.nullId() : id;
        checkVersion(payload, replyId, true);
        JsonNode params = payload.get("params");
        Arguments args = arguments(params);
        if (args == null) {
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

    private Decoded.Single response(JsonNode payload) {
        JsonNode idNode = payload.get("id");
        if (idNode == null) {
            throw ProtocolError.inResponse(JsonRpc.INVALID_REQUEST, "request has no \"id\"", RequestId.nullId());
        }
        if (!acceptsResponseId(idNode)) {
            throw ProtocolError.inResponse(JsonRpc.INVALID_REQUEST, "invalid \"id\": " + PyText.str(idNode),
                    RequestId.nullId());
        }
        RequestId id = RequestId.fromJson(idNode);
        return responseItem(payload, payload.get("result"), payload.get("error"), id);
    }

    static ProtocolError invalidResponse(String message, RequestId id) {
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
    static RpcError strictError(JsonNode error, RequestId id) {
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
    static RpcError lenientError(JsonNode error) {
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

    static void id(JsonOut g, RequestId id) throws IOException {
        g.writeFieldName("id");
        if (id.isAbsent()) {
            g.writeNull();
        } else {
            g.writeTree(id.toJson());
        }
    }

    @Override
    public byte[] requestMessage(Request request, RequestId id) {
        checkArgs(request.args());
        return JsonCodec.encode(g -> writeRequest(g, request.method(), request.args(), id));
    }

    private void writeRequest(JsonOut g, String method, Arguments args, RequestId id) throws IOException {
        g.writeStartObject();
        writeVersion(g);
        g.writeStringField("method", method);
        writeRequestMembers(g, args, id);
        g.writeEndObject();
    }

    @Override
    public byte[] notificationMessage(Notification notification) {
        checkArgs(notification.args());
        return JsonCodec.encode(g -> writeRequest(g, notification.method(), notification.args(), notificationId()));
    }

    @Override
    public byte[] responseMessage(JsonNode result, RequestId id) {
        return JsonCodec.encode(g -> {
            g.writeStartObject();
            writeVersion(g);
            g.writeFieldName("result");
            g.writeTree(result);
            writeOtherMember(g, "error");
            id(g, id);
            g.writeEndObject();
        });
    }

    @Override
    public byte[] errorMessage(RpcError error, RequestId id) {
        return JsonCodec.encode(g -> {
            g.writeStartObject();
            writeVersion(g);
            writeOtherMember(g, "result");
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
