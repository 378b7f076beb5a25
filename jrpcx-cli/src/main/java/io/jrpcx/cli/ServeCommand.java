package io.jrpcx.cli;

import io.jrpcx.net.Service;
import io.jrpcx.session.RpcServer;
import io.jrpcx.session.RpcSession;
import io.jrpcx.transport.HttpOptions;
import io.jrpcx.transport.TlsOptions;
import io.jrpcx.transport.TransportException;
import io.jrpcx.transport.WebSocketOptions;
import java.io.PrintWriter;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code jrpcx serve --tcp HOST:PORT --tls HOST:PORT --ws HOST:PORT --wss HOST:PORT --http HOST:PORT
 * --https HOST:PORT --unix PATH}: serves
 * the interop methods on every listener until the process gets SIGTERM or SIGINT; SIGHUP re-reads the
 * TLS certificate and key (through {@code sun.misc.Signal}, where the JVM has it).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the interop methods (echo, sum, sleep, fail, bye, call_me_back; jrpcx.stats with --stats).",
                "Prints 'listening URL' for each listener once it is ready. SIGTERM or SIGINT: stop accepting,",
                "close the sessions, remove Unix socket files, exit 0. SIGHUP: re-read --cert and --key."})
final class ServeCommand extends RpcCommand {
    @Option(names = "--tcp", paramLabel = "HOST:PORT", converter = Urls.Listen.class,
            description = "Listen for plain TCP; port 0 picks a free port. May be repeated.")
    List<Service> tcp = new ArrayList<>();

    @Option(names = "--tls", paramLabel = "HOST:PORT", converter = Urls.ListenTls.class,
            description = "Listen for TCP with TLS (needs --cert and --key). May be repeated.")
    List<Service> tls = new ArrayList<>();

    @Option(names = "--ws", paramLabel = "HOST:PORT", converter = Urls.ListenWs.class,
            description = "Listen for WebSocket (on --ws-path). May be repeated.")
    List<Service> ws = new ArrayList<>();

    @Option(names = "--wss", paramLabel = "HOST:PORT", converter = Urls.ListenWss.class,
            description = "Listen for WebSocket over TLS (needs --cert and --key). May be repeated.")
    List<Service> wss = new ArrayList<>();

    @Option(names = "--http", paramLabel = "HOST:PORT", converter = Urls.ListenHttp.class,
            description = "Listen for JSON-RPC over HTTP (each POST one request or batch, on --http-path); WebSocket"
                    + " upgrades (on --ws-path) are accepted on the same port. May be repeated.")
    List<Service> http = new ArrayList<>();

    @Option(names = "--https", paramLabel = "HOST:PORT", converter = Urls.ListenHttps.class,
            description = "Listen for JSON-RPC over HTTPS (needs --cert and --key); WebSocket upgrades too. May be repeated.")
    List<Service> https = new ArrayList<>();

    @Option(names = "--http-path", paramLabel = "PATH", defaultValue = "/",
            description = "The path HTTP listeners take POSTs on, and paths below it (default: ${DEFAULT-VALUE}, every path).")
    String httpPath = "/";

    @Option(names = "--http-user", paramLabel = "USER:PASS",
            description = "Basic credentials HTTP clients must send (as bitcoind's RPC); @FILE reads them from the first"
                    + " line of a file, env:NAME from an environment variable. May be repeated (any one is accepted).")
    List<String> httpUsers = new ArrayList<>();

    @Option(names = "--http-token", paramLabel = "TOKEN",
            description = "A Bearer token HTTP clients may send instead ('Authorization: Bearer TOKEN', as geth's engine"
                    + " API); @FILE and env:NAME as for --http-user. May be repeated.")
    List<String> httpTokens = new ArrayList<>();

    @Option(names = "--http-origin", paramLabel = "ORIGIN",
            description = "An origin whose browser pages may call the HTTP listeners (CORS; scheme://host[:port]); others"
                    + " get 403. With none given, any (Access-Control-Allow-Origin: *), as --ws-origin. May be repeated.")
    List<String> httpOrigins = new ArrayList<>();

    @Option(names = "--http-keep-alive", paramLabel = "SECONDS",
            description = "Close an HTTP connection with no request in hand after this long, as bitcoind's"
                    + " -rpcservertimeout (default: 30; 0: never).")
    double httpKeepAlive = 30;

    @Option(names = "--unix", paramLabel = "PATH", converter = Urls.ListenUnix.class,
            description = "Listen on a Unix domain socket; the file is removed on exit. May be repeated.")
    List<Service> unix = new ArrayList<>();

    @Option(names = "--ws-path", paramLabel = "PATH", defaultValue = "/",
            description = "The path WebSocket listeners accept upgrades on (default: ${DEFAULT-VALUE}).")
    String wsPath = "/";

    @Option(names = "--ws-origin", paramLabel = "ORIGIN",
            description = "An origin browsers may connect from (scheme://host[:port]); with none given, any. May be repeated.")
    List<String> wsOrigins = new ArrayList<>();

    @Option(names = "--cert", paramLabel = "FILE", description = "PEM certificate chain of every TLS listener.")
    @Nullable Path cert;

    @Option(names = "--key", paramLabel = "FILE", description = "PEM (PKCS#8) private key of --cert.")
    @Nullable Path key;

    @Option(names = "--client-ca", paramLabel = "FILE",
            description = "Require TLS clients to present a certificate signed by a CA in this PEM file (mutual TLS).")
    @Nullable Path clientCa;

    // 0.3 s takes the one-time cost of the first requests (60-170 ms for the very first) before the
    // server reports ready; with the launcher's cache its first second then runs at 0.6 of its warm rate
    // and it listens within 1 s (BENCHMARKS.md, "Start-up"). More makes the first clients meet C2 code.
    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "0.3",
            description = "Seconds of echo load the server puts on itself before it reports ready, so its "
                    + "first clients meet compiled code (0: none; default: ${DEFAULT-VALUE}).")
    double warmup = 0.3;

    @Option(names = "--stats", description = "Serve jrpcx.stats: sessions, heap, per-session cost and the cost pools. "
            + "Off by default: any peer could force a full GC with it and see other peers' costs.")
    boolean stats;

    @Mixin
    LimitOptions limits = new LimitOptions();

    @Override
    int run(PrintWriter out, PrintWriter err) {
        List<Service> listeners = new ArrayList<>();
        listeners.addAll(tcp);
        listeners.addAll(tls);
        listeners.addAll(ws);
        listeners.addAll(wss);
        listeners.addAll(http);
        listeners.addAll(https);
        listeners.addAll(unix);
        if (listeners.isEmpty()) {
            throw new ParameterException(spec.commandLine(),
                    "give at least one listener: --tcp, --tls, --ws, --wss, --http, --https or --unix");
        }
        if ((cert == null) != (key == null)) {
            throw new ParameterException(spec.commandLine(), "--cert and --key go together");
        }
        if (cert == null && !(tls.isEmpty() && wss.isEmpty() && https.isEmpty())) {
            throw new ParameterException(spec.commandLine(), "--tls, --wss and --https need --cert and --key");
        }
        HttpOptions httpOptions = httpOptions();
        WebSocketOptions wsOptions;
        try {
            wsOptions = WebSocketOptions.builder().path(wsPath).allowedOrigins(Set.copyOf(wsOrigins)).build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--ws-path: " + e.getMessage());
        }
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
                .webSocket(wsOptions)
                .http(httpOptions)
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
        if (cert != null && key != null) {
            TlsOptions.Builder t = TlsOptions.builder().certificate(cert, key);
            if (clientCa != null) {
                t.clientAuth(TlsOptions.ClientAuth.REQUIRE).trustedCertificates(clientCa);
            }
            builder.tls(t.build());
        }
        for (Service address : listeners) {
            builder.listen(address.isWebSocket() && address.webSocketPath().isEmpty()
                    ? Service.parseListening(address + wsPath)
                    : address.isHttp() && address.urlPath().isEmpty() ? Service.parseListening(address + httpPath) : address);
        }
        CountDownLatch stop = new CountDownLatch(1);
        RpcServer server;
        try {
            server = builder.start();
        } catch (TransportException e) {
            return fail(err, "jrpcx serve: " + e.getMessage(), Main.EXIT_CONNECTION);
        }
        service.reportOn(server);
        Signals.on("TERM", stop::countDown);
        Signals.on("INT", stop::countDown);
        Signals.on("HUP", () -> {
            try {
                server.reloadCertificates();
                connections.add("reloaded the TLS certificate");
            } catch (TransportException e) {
                connections.add("jrpcx serve: cannot reload the TLS certificate: " + e.getMessage());
            }
        });
        try {
            // a listener that asks for client certificates cannot be warmed up by a client without one
            // and the session core warms up best over a full-duplex listener, if there is one
            Service warmupTarget = server.services().stream().filter(s -> clientCa == null || !s.isSecure())
                    .min(java.util.Comparator.comparing(Service::isHttp)).orElse(null);
            if (warmup > 0 && warmupTarget != null) {
                Warmup.run(warmupTarget, protocol.protocol(), Duration.ofMillis((long) (warmup * 1000)), httpOptions);
            }
            ready.set(true);
            for (Service address : server.services()) {
                out.println("listening " + address);
            }
            out.flush();
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close(Duration.ofSeconds(5));
        }
        return 0;
    }

    /**
     * The HTTP listeners' settings: path, credentials (read from files or the environment), CORS origins,
     * keep-alive time.
     */
    private HttpOptions httpOptions() {
        Duration keepAlive;
        try {
            keepAlive = Seconds.nonNegative(httpKeepAlive, "--http-keep-alive");
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try {
            HttpOptions.Builder b = HttpOptions.builder().path(httpPath).allowedOrigins(Set.copyOf(httpOrigins))
                    .keepAliveTimeout(keepAlive);
            for (String user : httpUsers) {
                String[] pair = Secrets.userAndPassword(Secrets.read(user));
                b.basicAuth(pair[0], pair[1]);
            }
            for (String token : httpTokens) {
                b.bearerToken(Secrets.read(token));
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--http-path, --http-user or --http-token: " + e.getMessage());
        }
    }

    private static void log(LineLog log, String what, RpcSession session) {
        SocketAddress remote = session.remoteAddress();
        log.add(what + (remote == null ? "unknown" : Urls.describe(remote)));
    }
}
