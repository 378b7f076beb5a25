package io.jrpcx.session;

import java.net.InetSocketAddress;

/** The session suite over plain TCP on loopback. */
class TcpSessionTest extends SessionTestSuite {
    @Override
    protected RpcServer startServer(SessionOptions options, RpcHandler handler) {
        return RpcServer.builder()
                .listen("tcp://127.0.0.1:0")
                .options(options)
                .handler(handler)
                .start();
    }

    @Override
    protected RpcSession connect(RpcServer server, SessionOptions options, RpcHandler handler) {
        return RpcClient.builder().options(options).handler(handler).build()
                .connect(server.services().get(0));
    }
}
