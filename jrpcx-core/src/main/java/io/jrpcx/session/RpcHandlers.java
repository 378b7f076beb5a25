package io.jrpcx.session;

import io.jrpcx.jsonrpc.Item;
import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.Notification;
import io.jrpcx.jsonrpc.Request;
import io.jrpcx.jsonrpc.RpcError;

/** Ready-made handlers. */
final class RpcHandlers {
    private RpcHandlers() {
    }

    /** Serves nothing: every request gets "unknown method", notifications are ignored. */
    static RpcHandler none() {
        return new RpcHandler() {
            @Override
            public Object handle(RpcSession session, Item item) {
                if (item instanceof Request r) {
                    throw new RpcError(JsonRpc.METHOD_NOT_FOUND, "unknown method \"" + r.method() + "\"");
                }
                if (item instanceof Notification) {
                    return null;
                }
                throw new IllegalArgumentException("not a request: " + item);
            }

            @Override
            public boolean isInline(Item item) {
                return true;
            }
        };
    }
}
