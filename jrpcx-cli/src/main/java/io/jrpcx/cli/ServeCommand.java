package io.jrpcx.cli;

import io.jrpcx.session.RpcServer;
import io.jrpcx.session.RpcSession;
import io.jrpcx.transport.TransportException;
import java.io.PrintWriter;
import io.jrpcx.net.Service;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jrpcx serve --tcp HOST:PORT}: serves the interop methods until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the interop methods (echo, sum, sleep, fail, bye, call_me_back; jrpcx.stats with --stats).",
                "Prints 'listening tcp://HOST:PORT' for each listener once it is ready."})
final class ServeCommand extends RpcCommand {
    @Option(names = "--tcp", required = true, paramLabel = "HOST:PORT", converter = Urls.Listen.class,
            description = "Address to listen on; port 0 picks a free port. May be repeated.")
    List<Service> tcp = List.of();

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "5",
            description = "Seconds of echo load the server puts on itself before it reports ready, so its "
                    + "first clients meet compiled code (0: none; default: ${DEFAULT-VALUE}).")
    double warmup = 5;

    @Option(names = "--stats", description = "Serve jrpcx.stats: sessions, heap, per-session cost and the cost pools. "
            + "Off by default: any peer could force a full GC with it and see other peers' costs.")
    boolean stats;

    @Mixin
    LimitOptions limits = new LimitOptions();

    @Override
    int run(PrintWriter out, PrintWriter err) {
        InteropService service = new InteropService(stats);
        // the warm-up's own connections are not logged
        AtomicBoolean ready = new AtomicBoolean();
        Set<RpcSession> announced = ConcurrentHashMap.newKeySet();
        // written by a thread of its own: a stderr nobody reads must not stall the I/O threads
        LineLog connections = new LineLog(err, 100_000);
        RpcServer.Builder builder;
        try {
            builder = limits.apply(RpcServer.builder(), protocol.rpcOptions());
        } catch (IllegalArgumentException e) {
            return fail(err, "jrpcx serve: " + e.getMessage(), Main.EXIT_USAGE);
        }
        builder.handler(service)
                .onOpen(session -> {
                    service.opened(session);
                    if (ready.get()) {
                        announced.add(session);
                        log(connections, "connection opened from ", session);
                    }
                })
                .onClose(session -> {
                    service.closed(session);
                    if (announced.remove(session)) {
                        log(connections, "connection closed from ", session);
                    }
                });
        for (Service address : tcp) {
            builder.listen(address);
        }
        RpcServer server;
        try {
            server = builder.start();
        } catch (TransportException e) {
            return fail(err, "jrpcx serve: " + e.getMessage(), Main.EXIT_CONNECTION);
        }
        service.reportOn(server);
        try {
            if (warmup > 0) {
                Warmup.run(server.services().get(0), protocol.protocol(), Duration.ofMillis((long) (warmup * 1000)));
            }
            ready.set(true);
            for (Service address : server.services()) {
                out.println("listening " + address);
            }
            out.flush();
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close(Duration.ofSeconds(1));
        }
        return 0;
    }

    private static void log(LineLog log, String what, RpcSession session) {
        SocketAddress remote = session.remoteAddress();
        log.add(what + (remote == null ? "unknown" : Urls.describe(remote)));
    }
}
