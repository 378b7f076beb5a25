package io.jrpcx.cli;

import io.jrpcx.cli.bench.LoadConfig;
import io.jrpcx.cli.bench.LoadRunner;
import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.JsonRpcProtocol;
import io.jrpcx.net.NetAddress;
import io.jrpcx.net.Service;
import io.jrpcx.session.JsonRpcOptions;
import java.time.Duration;

/**
 * Puts a just-started server under its own load for a moment, over real loopback connections, so that
 * the JIT has compiled the request path before the server reports ready: its first real clients meet
 * compiled code, not the interpreter.
 *
 * <pre>{@code
 * Warmup.run(server.services().get(0), JsonRpc.V2, Duration.ofSeconds(3));
 * }</pre>
 */
final class Warmup {
    private Warmup() {
    }

    /** Runs pipelined echo requests, then batches where the protocol has them, for about {@code length}. */
    static void run(Service address, JsonRpcProtocol serverProtocol, Duration length) throws InterruptedException {
        run(address, serverProtocol, length, io.jrpcx.transport.HttpOptions.defaults());
    }

    /** As {@link #run(Service, JsonRpcProtocol, Duration)}, sending the first of the HTTP listener's credentials. */
    static void run(Service address, JsonRpcProtocol serverProtocol, Duration length, io.jrpcx.transport.HttpOptions http)
            throws InterruptedException {
        Service target = !address.isUnix() && address.host() instanceof io.jrpcx.net.IpAddress ip
                && ip.toInetAddress().isAnyLocalAddress()
                ? address.withAddress(NetAddress.of(ip.isIpv6() ? "::1" : "127.0.0.1", address.port()))
                : address;
        // the server's own certificate, whatever names it holds
        io.jrpcx.transport.TlsOptions tls = io.jrpcx.transport.TlsOptions.builder().unsafeTrustAnyCertificate(true).build();
        boolean v1 = serverProtocol == JsonRpc.V1;
        io.jrpcx.session.RpcClient client = io.jrpcx.session.RpcClient.builder().tls(tls).http(http)
                .rpcOptions(JsonRpcOptions.builder().protocol(v1 ? JsonRpc.V1 : JsonRpc.V2).build()).build();
        Duration batches = v1 ? Duration.ZERO : length.dividedBy(5);
        Duration singles = length.minus(batches);
        new LoadRunner(new LoadConfig(target, 4, 16, singles, 1, "echo", 0, client)).run(p -> { });
        if (!batches.isZero()) {
            new LoadRunner(new LoadConfig(target, 2, 4, batches, 100, "echo", 0, client)).run(p -> { });
        }
    }
}
