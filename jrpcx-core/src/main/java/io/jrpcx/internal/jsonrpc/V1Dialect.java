package io.jrpcx.internal.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.jsonrpc.Arguments;
import io.jrpcx.jsonrpc.Decoded;
import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.ProtocolError;
import io.jrpcx.jsonrpc.RequestId;
import io.jrpcx.jsonrpc.Response;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * JSON-RPC 1.0: every request has an id of any value, params are an array, a response carries both
 * {@code result} and {@code error} (one of them null), there is no version member and no batch.
 *
 * <pre>{@code
 * Decoded d = Dialect.V1.messageToItem(bytes);
 * }</pre>
 */
final class V1Dialect extends Dialect {
    V1Dialect() {
        super("v1");
    }

    @Override
    public boolean allowsBatches() {
        return false;
    }

    @Override
    RequestId requestId(@Nullable JsonNode idNode) {
        if (idNode == null) {
            throw ProtocolError.inRequest(JsonRpc.INVALID_REQUEST, "request has no \"id\"", RequestId.nullId());
        }
        return RequestId.fromJson(idNode);
    }

    @Override
    @Nullable Arguments arguments(@Nullable JsonNode params) {
        return params != null && params.isArray() ? new Arguments(params) : null;
    }

    @Override
    boolean acceptsResponseId(JsonNode idNode) {
        return true;
    }

    @Override
    Decoded.Single responseItem(JsonNode payload, @Nullable JsonNode result, @Nullable JsonNode error, RequestId id) {
        if (result == null || error == null) {
            throw invalidResponse("response must contain both \"result\" and \"error\"", id);
        }
        if (error.isNull()) {
            return new Decoded.Single(new Response(result), id);
        }
        if (!result.isNull()) {
            throw invalidResponse("response has a \"result\" and an \"error\"", id);
        }
        return new Decoded.Single(lenientError(error), id);
    }

    @Override
    void checkArgs(Arguments args) {
        if (args.isNamed()) {
            throw ProtocolError.reportOnly(JsonRpc.INVALID_PARAMS, "JSONRPCv1 does not support named arguments");
        }
    }

    @Override
    void writeRequestMembers(JsonOut g, Arguments args, RequestId id) throws IOException {
        g.writeFieldName("params");
        g.writeTree(args.node());
        id(g, id);
    }

    @Override
    RequestId notificationId() {
        return RequestId.nullId();
    }

    @Override
    void writeVersion(JsonOut g) {
    }

    @Override
    void writeOtherMember(JsonOut g, String name) throws IOException {
        g.writeNullField(name);
    }
}
