package io.jrpcx.examples.headers;

import io.jrpcx.jsonrpc.RpcNotification;
import io.jrpcx.jsonrpc.RpcParam;

/**
 * The client side of the subscription: each new tip comes as a notification of the same method name
 * as the subscription, with the header as its one positional argument, as Electrum does.
 */
public interface HeadersListener {
    @RpcNotification("blockchain.headers.subscribe")
    void header(@RpcParam("header") Header header);
}
