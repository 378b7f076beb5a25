package io.jrpcx.internal.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.jsonrpc.Batch;
import io.jrpcx.jsonrpc.Decoded;
import io.jrpcx.jsonrpc.JsonRpcProtocol;
import io.jrpcx.jsonrpc.Notification;
import io.jrpcx.jsonrpc.Request;
import io.jrpcx.jsonrpc.RequestId;
import io.jrpcx.jsonrpc.RpcError;
import java.util.List;

/**
 * Auto-detection: until the first message arrives it speaks JSON-RPC 2.0; {@link #detect(JsonNode)}
 * picks the dialect the first message is written in. An object with {@code "jsonrpc": "2.0"} is 2.0;
 * with {@code "jsonrpc": "1.0"}, or with both {@code result} and {@code error} members, it is 1.0;
 * anything else is loose. For a batch, each member is judged so (a member that is not an object counts
 * as loose): when all agree, that dialect; otherwise 2.0 if any member is 2.0, else 1.0 if any member is
 * 1.0, else loose (an empty batch too). Where the members disagree, the batch then fails in part.
 *
 * <pre>{@code
 * JsonRpcProtocol detected = AutoDetect.INSTANCE.detect(payload);
 * }</pre>
 */
public final class AutoDetect implements JsonRpcProtocol {
    public static final AutoDetect INSTANCE = new AutoDetect();

    private static final Dialect BEFORE_DETECTION = Dialect.V2;

    private AutoDetect() {
    }

    @Override
    public JsonRpcProtocol detect(JsonNode payload) {
        if (payload.isArray()) {
            boolean v1 = false;
            for (JsonNode element : payload) {
                JsonRpcProtocol p = element.isObject() ? detectObject(element) : Dialect.LOOSE;
                if (p == Dialect.V2) {
                    return p;
                }
                v1 |= p == Dialect.V1;
            }
            return v1 ? Dialect.V1 : Dialect.LOOSE;
        }
        return payload.isObject() ? detectObject(payload) : Dialect.LOOSE;
    }

    private static JsonRpcProtocol detectObject(JsonNode object) {
        JsonNode version = object.get("jsonrpc");
        if (version != null && version.isTextual()) {
            if ("2.0".equals(version.textValue())) {
                return Dialect.V2;
            }
            if ("1.0".equals(version.textValue())) {
                return Dialect.V1;
            }
        }
        if (object.has("result") && object.has("error")) {
            return Dialect.V1;
        }
        return Dialect.LOOSE;
    }

    @Override
    public String name() {
        return "auto";
    }

    @Override
    public boolean allowsBatches() {
        return BEFORE_DETECTION.allowsBatches();
    }

    @Override
    public JsonNode parse(byte[] message) {
        return JsonCodec.parse(message);
    }

    /** Interprets a message in the dialect it is written in. */
    @Override
    public Decoded messageToItem(byte[] message) {
        JsonNode payload = parse(message);
        return detect(payload).decode(payload);
    }

    @Override
    public Decoded decode(JsonNode payload) {
        return detect(payload).decode(payload);
    }

    @Override
    public Decoded.Single payloadToItem(JsonNode payload) {
        return detect(payload).payloadToItem(payload);
    }

    @Override
    public Decoded.Single requestToItem(JsonNode element) {
        return BEFORE_DETECTION.requestToItem(element);
    }

    @Override
    public Decoded.Single responseToItem(JsonNode element) {
        return BEFORE_DETECTION.responseToItem(element);
    }

    @Override
    public byte[] requestMessage(Request request, RequestId id) {
        return BEFORE_DETECTION.requestMessage(request, id);
    }

    @Override
    public byte[] notificationMessage(Notification notification) {
        return BEFORE_DETECTION.notificationMessage(notification);
    }

    @Override
    public byte[] responseMessage(JsonNode result, RequestId id) {
        return BEFORE_DETECTION.responseMessage(result, id);
    }

    @Override
    public byte[] errorMessage(RpcError error, RequestId id) {
        return BEFORE_DETECTION.errorMessage(error, id);
    }

    @Override
    public byte[] batchMessage(Batch batch, List<RequestId> ids) {
        return BEFORE_DETECTION.batchMessage(batch, ids);
    }

    @Override
    public byte[] batchMessageFromParts(List<byte[]> parts) {
        return BEFORE_DETECTION.batchMessageFromParts(parts);
    }

    @Override
    public byte[] encodePayload(JsonNode payload) {
        return BEFORE_DETECTION.encodePayload(payload);
    }

    @Override
    public String toString() {
        return "JsonRpc.AUTO";
    }
}
