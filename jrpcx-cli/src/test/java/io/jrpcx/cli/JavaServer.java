package io.jrpcx.cli;

import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.session.RpcServer;
import io.jrpcx.session.JsonRpcOptions;
import java.net.InetSocketAddress;
import java.time.Duration;

/** The interop service served in-process on a free loopback port, as {@code jrpcx serve} does. */
final class JavaServer implements AutoCloseable {
    private final RpcServer server;

    JavaServer(String protocol) {
        this(protocol, "tcp://127.0.0.1:0", io.jrpcx.transport.TlsOptions.defaults());
    }

    JavaServer(String protocol, String listen, io.jrpcx.transport.TlsOptions tls) {
        InteropService service = new InteropService();
        server = RpcServer.builder()
                .listen(listen)
                .tls(tls)
                .rpcOptions(JsonRpcOptions.builder().protocol(JsonRpc.byName(protocol)).build())
                .handler(service)
                .onOpen(service::opened)
                .onClose(service::closed)
                .start();
    }

    io.jrpcx.net.Service service() {
        return server.services().get(0);
    }

    InetSocketAddress address() {
        return server.services().get(0).address().toInetSocketAddress();
    }

    @Override
    public void close() {
        server.close(Duration.ofSeconds(1));
    }
}
