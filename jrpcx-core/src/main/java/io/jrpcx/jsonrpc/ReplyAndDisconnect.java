package io.jrpcx.jsonrpc;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by a request handler to send a reply and then close the connection gracefully. The reply is a
 * result, or an error response when the outcome is an {@link RpcError}. {@link MethodTable} lets it
 * pass; the session sends the reply and closes.
 *
 * <pre>{@code
 * builder.method("bye", Signature.of(), (session, params) -> {
 *     throw new ReplyAndDisconnect("bye");
 * });
 * }</pre>
 */
public class ReplyAndDisconnect extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient @Nullable Object outcome;

    /**
     * Sends {@code outcome} as the reply, then closes the connection.
     *
     * @param outcome the result (any Java value, or {@code null}), or an {@link RpcError} for an error response
     */
    public ReplyAndDisconnect(@Nullable Object outcome) {
        super("reply and disconnect", null, false, false);
        this.outcome = outcome;
    }

    /** {@return the result to send, or an {@link RpcError} for an error response} */
    public @Nullable Object outcome() {
        return outcome;
    }
}
