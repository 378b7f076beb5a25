package io.jrpcx.session;

import io.jrpcx.jsonrpc.Item;
import io.jrpcx.jsonrpc.MethodTable;
import io.jrpcx.jsonrpc.Notification;
import io.jrpcx.jsonrpc.Request;

/** Serves a {@link MethodTable}, running its inline methods, and unknown ones, on the I/O thread. */
final class MethodTableHandler implements RpcHandler {
    static final RpcHandler NONE = new MethodTableHandler(MethodTable.builder().build());

    private final MethodTable<? super RpcSession> table;

    MethodTableHandler(MethodTable<? super RpcSession> table) {
        this.table = table;
    }

    @Override
    public Object handle(RpcSession session, Item item) {
        @SuppressWarnings("unchecked")
        MethodTable<RpcSession> t = (MethodTable<RpcSession>) table;
        return t.invoke(session, item, session.mapper());
    }

    @Override
    public boolean isInline(Item item) {
        String method = switch (item) {
            case Request r -> r.method();
            case Notification n -> n.method();
            default -> null;
        };
        // an unknown method is answered at once with an error: nothing that could block
        return method != null && (table.isInline(method) || !table.contains(method));
    }
}
