package io.jrpcx.examples.headers;

import io.jrpcx.jsonrpc.RpcMethod;

/** The server side of the subscription: subscribing answers the current tip. */
public interface HeadersService {
    @RpcMethod("blockchain.headers.subscribe")
    Header subscribe();
}
