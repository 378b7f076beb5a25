package io.jrpcx.internal.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.jsonrpc.Arguments;
import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.ProtocolError;
import io.jrpcx.jsonrpc.RequestId;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * What 2.0 and the loose dialect share: optional ids of scalar types (a missing one makes a
 * notification), params an array, an object or missing, and 2.0's way of writing requests.
 *
 * <pre>{@code
 * final class V2Dialect extends TwoDotZeroFamily { ... }
 * }</pre>
 */
abstract sealed class TwoDotZeroFamily extends Dialect permits V2Dialect, LooseDialect {
    TwoDotZeroFamily(String name) {
        super(name);
    }

    @Override
    public boolean allowsBatches() {
        return true;
    }

    @Override
    RequestId requestId(@Nullable JsonNode idNode) {
        if (idNode == null) {
            return RequestId.absent();
        }
        if (!acceptableId(idNode)) {
            throw ProtocolError.inRequest(JsonRpc.INVALID_REQUEST, "invalid \"id\": " + PyText.str(idNode),
                    RequestId.nullId());
        }
        return RequestId.fromJson(idNode);
    }

    @Override
    @Nullable Arguments arguments(@Nullable JsonNode params) {
        if (params == null) {
            return Arguments.none();
        }
        return params.isArray() || params.isObject() ? new Arguments(params) : null;
    }

    @Override
    void writeRequestMembers(JsonOut g, Arguments args, RequestId id) throws IOException {
        if (!id.isAbsent()) {
            id(g, id);
        }
        if (!(args.node().isArray() && args.node().isEmpty())) {
            g.writeFieldName("params");
            g.writeTree(args.node());
        }
    }

    @Override
    RequestId notificationId() {
        return RequestId.absent();
    }
}
