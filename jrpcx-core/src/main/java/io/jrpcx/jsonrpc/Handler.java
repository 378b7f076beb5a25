package io.jrpcx.jsonrpc;

import org.jspecify.annotations.Nullable;

/**
 * A method implementation: gets the caller's context and the bound arguments, returns the result (any
 * Java value, converted to JSON) or throws. An {@link RpcError} thrown is sent as is; any other
 * exception is answered with -32603 {@code internal server error} and logged.
 *
 * <pre>{@code
 * Handler<Session> echo = (session, params) -> params.get("message");
 * }</pre>
 *
 * @param <C> the context type, e.g. the session the request came in on
 */
@FunctionalInterface
public interface Handler<C> {
    /**
     * Runs the method.
     *
     * @param context the caller's context, for example the session the request came in on
     * @param params the arguments, bound to the method's {@link Signature}
     * @return the result, any Java value Jackson can convert, or {@code null} for JSON {@code null}
     * @throws Exception anything; to a request, an {@link RpcError} is answered as is and anything else
     *     with -32603
     */
    @Nullable Object handle(C context, Params params) throws Exception;
}
