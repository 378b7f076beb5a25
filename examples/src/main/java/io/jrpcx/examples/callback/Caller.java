package io.jrpcx.examples.callback;

import io.jrpcx.jsonrpc.RpcMethod;
import io.jrpcx.jsonrpc.RpcNotification;
import io.jrpcx.jsonrpc.RpcParam;

/** What each client offers its server: the server calls these methods of its clients. */
public interface Caller {
    @RpcMethod("caller.name")
    String name();

    @RpcNotification("caller.told")
    void told(@RpcParam("text") String text);
}
