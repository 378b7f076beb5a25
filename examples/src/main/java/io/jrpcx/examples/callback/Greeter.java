package io.jrpcx.examples.callback;

import io.jrpcx.jsonrpc.RpcMethod;

/** What the server offers: a greeting, for which it asks the client who it is. */
public interface Greeter {
    @RpcMethod("greeter.greet")
    String greet();
}
