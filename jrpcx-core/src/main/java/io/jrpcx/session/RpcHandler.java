package io.jrpcx.session;

import io.jrpcx.jsonrpc.Item;
import org.jspecify.annotations.Nullable;

/**
 * Handles the requests and notifications a session receives. The value returned is the result (any
 * Java value convertible to JSON); throwing an {@link io.jrpcx.jsonrpc.RpcError} sends that error,
 * throwing {@link io.jrpcx.jsonrpc.ReplyAndDisconnect} replies and closes, and any other exception sends an
 * internal error. For a notification the outcome is discarded.
 *
 * <p>Handlers run on their own virtual thread and may block, unless {@link #isInline} says a
 * request is known never to block: then it runs on the connection's I/O thread, without a handoff.
 *
 * <pre>{@code
 * RpcHandler handler = (session, item) -> switch (item) {
 *     case Request r when r.method().equals("ping") -> "pong";
 *     default -> throw new RpcError(JsonRpc.METHOD_NOT_FOUND, "unknown method");
 * };
 * }</pre>
 */
@FunctionalInterface
public interface RpcHandler {

    /**
     * Handles a {@link io.jrpcx.jsonrpc.Request} or {@link io.jrpcx.jsonrpc.Notification}.
     *
     * @param session the session the call came in on
     * @param item the request or notification
     * @return the result, any Java value Jackson can convert, or {@code null} for JSON {@code null}
     * @throws Exception anything; to a request, an {@link io.jrpcx.jsonrpc.RpcError} is answered as is and
     *     anything else with -32603
     */
    @Nullable Object handle(RpcSession session, Item item) throws Exception;

    /**
     * {@return true when handling {@code item} never blocks, so it may run on the I/O thread}
     *
     * @param item the request or notification
     */
    default boolean isInline(Item item) {
        return false;
    }

    /**
     * Serves the methods of {@code table}, passing the session as the context; methods registered as
     * inline run on the I/O thread.
     *
     * @param table the methods to serve
     * @return a handler
     */
    static RpcHandler of(io.jrpcx.jsonrpc.MethodTable<? super RpcSession> table) {
        return new MethodTableHandler(table);
    }

    /**
     * Serves nothing: every request is answered "unknown method", notifications are ignored.
     *
     * @return a handler
     */
    static RpcHandler none() {
        return MethodTableHandler.NONE;
    }
}
