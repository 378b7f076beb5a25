package io.jrpcx.internal.transport;

import io.jrpcx.net.Service;
import io.jrpcx.transport.TransportOptions;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * TCP with TLS ({@code tls://host:port}, {@code ssl://host:port}): the TLS handshake is the one
 * negotiation, then the framing runs inside TLS. See {@link io.jrpcx.transport.TlsOptions}.
 *
 * <pre>{@code
 * MessageTransport t = TlsTransport.INSTANCE.connect(Service.parse("tls://localhost:8443"), listener, options);
 * }</pre>
 */
public final class TlsTransport extends TcpTransport {
    public static final TlsTransport INSTANCE = new TlsTransport();

    private TlsTransport() {
    }

    @Override
    protected Setup setup(Service service, boolean client, TransportOptions options) {
        return client ? new Client(service, options) : new Server(options);
    }

    /**
     * The setup of a transport that runs over TLS when {@code service} is secure ({@code wss://},
     * {@code https://}) and over plain TCP otherwise: TLS's negotiation first, if any, then {@code next}'s
     * steps; a reload re-reads the TLS certificates.
     */
    static Setup under(Service service, boolean client, TransportOptions options, Consumer<ChannelPipeline> next) {
        Setup tls = !service.isSecure() ? null : client ? new Client(service, options) : new Server(options);
        return new Setup() {
            @Override
            public void addNegotiations(ChannelPipeline pipeline) {
                if (tls != null) {
                    tls.addNegotiations(pipeline);
                }
                next.accept(pipeline);
            }

            @Override
            public void reload() {
                if (tls != null) {
                    tls.reload();
                }
            }
        };
    }

    static void add(ChannelPipeline pipeline, SslHandler handler, TransportOptions options) {
        handler.setHandshakeTimeoutMillis(0);   // the negotiation's deadline rules
        pipeline.addLast("tls", handler);
        pipeline.addLast("tls-close", new CloseNotify());
        pipeline.addLast("tls-negotiation", new TlsNegotiation(options.handshakeTimeout()));
    }

    /**
     * A peer's TLS close_notify ends its input, as the end of a TCP stream does: the session answers
     * what it has, then closes (and sends its own close_notify), where a peer such as Python's asyncio
     * waits for that before it closes the socket.
     */
    static final class CloseNotify extends io.netty.channel.ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(io.netty.channel.ChannelHandlerContext ctx, Object evt) {
            ctx.fireUserEventTriggered(evt);
            if (evt instanceof io.netty.handler.ssl.SslCloseCompletionEvent done && done.isSuccess()) {
                ctx.fireUserEventTriggered(io.netty.channel.socket.ChannelInputShutdownEvent.INSTANCE);
            }
        }
    }

    /** A client's TLS context; SNI and host name from the URL (or the options' server name). */
    static final class Client implements Setup {
        private final TransportOptions options;
        private final SslContext context;
        private final String host;
        private final int port;

        Client(Service service, TransportOptions options) {
            this.options = options;
            this.context = TlsContexts.client(options.tls());
            String h = options.tls().serverName().orElseGet(() -> service.host().toString());
            this.host = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
            this.port = service.port();
            this.sni = options.tls().serverName().isPresent() ? !host.contains(":") && !host.matches("[0-9.]+")
                    : !(service.host() instanceof io.jrpcx.net.IpAddress);
        }

        private final boolean sni;

        @Override
        public void addNegotiations(ChannelPipeline pipeline) {
            SslHandler handler = context.newHandler(pipeline.channel().alloc(), host, port);
            if (sni) {
                // the JDK sends SNI only for names with a dot; a server may serve "localhost" by name too
                javax.net.ssl.SSLEngine engine = handler.engine();
                javax.net.ssl.SSLParameters parameters = engine.getSSLParameters();
                try {
                    parameters.setServerNames(java.util.List.of(new javax.net.ssl.SNIHostName(host)));
                    engine.setSSLParameters(parameters);
                } catch (IllegalArgumentException notAHostName) {
                    // a name SNI cannot carry: the handshake goes without
                }
            }
            add(pipeline, handler, options);
        }
    }

    /** A server's TLS context, read from its files when the server starts and on each reload. */
    static final class Server implements Setup {
        private final TransportOptions options;
        private final AtomicReference<SslContext> context;

        Server(TransportOptions options) {
            this.options = options;
            this.context = new AtomicReference<>(TlsContexts.server(options.tls()));
        }

        @Override
        public void addNegotiations(ChannelPipeline pipeline) {
            add(pipeline, context.get().newHandler(pipeline.channel().alloc()), options);
        }

        @Override
        public void reload() {
            try {
                context.set(TlsContexts.server(options.tls()));
            } catch (java.io.UncheckedIOException e) {
                throw new io.jrpcx.transport.TransportException(e.getCause().getMessage(), e.getCause());
            }
        }
    }
}
