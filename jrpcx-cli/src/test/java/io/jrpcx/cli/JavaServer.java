package io.jrpcx.cli;

import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.session.RpcServer;
import io.jrpcx.session.SessionOptions;
import java.net.InetSocketAddress;
import java.time.Duration;

/** The interop service served in-process on a free loopback port, as {@code jrpcx serve} does. */
final class JavaServer implements AutoCloseable {
    private final RpcServer server;

    JavaServer(String protocol) {
        InteropService service = new InteropService();
        server = RpcServer.builder()
                .listen(new InetSocketAddress("127.0.0.1", 0))
                .options(SessionOptions.builder().protocol(JsonRpc.byName(protocol)).build())
                .handler(service)
                .onOpen(service::opened)
                .onClose(service::closed)
                .start();
    }

    InetSocketAddress address() {
        return server.addresses().get(0);
    }

    @Override
    public void close() {
        server.close(Duration.ofSeconds(1));
    }
}
