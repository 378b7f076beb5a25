package io.jrpcx.internal.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.jsonrpc.Decoded;
import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.ProtocolError;
import io.jrpcx.jsonrpc.RequestId;
import io.jrpcx.jsonrpc.Response;
import org.jspecify.annotations.Nullable;

/**
 * JSON-RPC 2.0, strictly: {@code "jsonrpc": "2.0"} in every message, a response has exactly one of
 * {@code result} and {@code error}, and an error is an object with an integer code and a string message.
 * The common messages are read by {@link FastRequest} without a tree.
 *
 * <pre>{@code
 * Decoded d = Dialect.V2.messageToItem(bytes);
 * }</pre>
 */
final class V2Dialect extends TwoDotZeroFamily {
    V2Dialect() {
        super("v2");
    }

    @Override
    public Decoded messageToItem(byte[] message) {
        // the common request, read straight from the bytes; anything else takes the general path
        Decoded.Single simple = FastRequest.tryParse(message);
        return simple != null ? simple : super.messageToItem(message);
    }

    @Override
    void checkVersion(JsonNode payload, RequestId id, boolean request) {
        JsonNode version = payload.get("jsonrpc");
        if (version == null || !version.isTextual() || !"2.0".equals(version.textValue())) {
            String message = "\"jsonrpc\" is not \"2.0\"";
            throw request ? ProtocolError.inRequest(JsonRpc.INVALID_REQUEST, message, id)
                    : ProtocolError.inResponse(JsonRpc.INVALID_REQUEST, message, id);
        }
    }

    @Override
    Decoded.Single responseItem(JsonNode payload, @Nullable JsonNode result, @Nullable JsonNode error, RequestId id) {
        checkVersion(payload, id, false);
        if (result != null && error != null) {
            throw invalidResponse("response contains both \"result\" and \"error\"", id);
        }
        if (result != null) {
            return new Decoded.Single(new Response(result), id);
        }
        if (error == null) {
            throw invalidResponse("response contains neither \"result\" nor \"error\"", id);
        }
        return new Decoded.Single(strictError(error, id), id);
    }
}
