package io.jrpcx.jsonrpc;

/**
 * Something a JSON-RPC message carries: a {@link Request}, a {@link Notification}, a {@link Response},
 * an error response ({@link RpcError}) or a {@link Batch} of these.
 *
 * <pre>{@code
 * Item item = new Request("echo", Arguments.of("hi"));
 * if (item instanceof Request r) {
 *     System.out.println(r.method());
 * }
 * }</pre>
 */
public sealed interface Item permits Request, Notification, Response, Batch, RpcError {
}
