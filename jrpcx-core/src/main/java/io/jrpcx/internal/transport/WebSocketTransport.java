package io.jrpcx.internal.transport;

import io.jrpcx.framing.Framer;
import io.jrpcx.framing.NewlineFramer;
import io.jrpcx.net.Service;
import io.jrpcx.transport.TransportListener;
import io.jrpcx.transport.TransportOptions;
import io.jrpcx.transport.WebSocketOptions;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * WebSocket ({@code ws://host:port/path}) and WebSocket over TLS ({@code wss://}): Netty's HTTP codec and
 * WebSocket protocol handlers, the upgrade as a negotiation (after the TLS handshake for {@code wss}),
 * then one JSON-RPC message per frame. Frames and assembled messages are limited to the framing's
 * maximum message size (1009 past it); see {@link WebSocketOptions} for paths, origins, pings and
 * compression.
 *
 * <pre>{@code
 * MessageTransport t = WebSocketTransport.INSTANCE.connect(Service.parse("ws://127.0.0.1:8080/rpc"), listener, options);
 * }</pre>
 */
public final class WebSocketTransport extends TcpTransport {
    public static final WebSocketTransport INSTANCE = new WebSocketTransport();
    /** The largest HTTP upgrade request or response (headers included). */
    static final int MAX_HANDSHAKE = 16 * 1024;

    private WebSocketTransport() {
    }

    /** The largest message: the framing's limit, as for a byte stream (1 MB for a framing with no stated limit). */
    static int messageLimit(TransportOptions options) {
        Framer framer = options.framing().newFramer();
        int max = framer instanceof NewlineFramer newline ? newline.maxSize() : NewlineFramer.DEFAULT_MAX_SIZE;
        return max == 0 ? Integer.MAX_VALUE - 1024 : max;
    }

    @Override
    protected Setup setup(Service service, boolean client, TransportOptions options) {
        int limit = messageLimit(options);
        WebSocketOptions ws = options.webSocket();
        long deadline = options.handshakeTimeout().toMillis();
        return TlsTransport.under(service, client, options, p -> {
            if (client) {
                String path = service.webSocketPath().orElse("/");
                URI uri = URI.create((service.isSecure() ? "wss://" : "ws://") + service.address() + path);
                p.addLast("http", new HttpClientCodec());
                p.addLast("http-aggregator", new HttpObjectAggregator(MAX_HANDSHAKE));
                if (ws.compression()) {
                    p.addLast("ws-compression", new WebSocketClientCompressionHandler(limit));
                }
                p.addLast("ws", new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                        .webSocketUri(uri).version(WebSocketVersion.V13).maxFramePayloadLength(limit)
                        .allowExtensions(ws.compression()).handshakeTimeoutMillis(deadline)
                        .sendCloseFrame(WebSocketCloseStatus.NORMAL_CLOSURE).dropPongFrames(true)
                        .generateOriginHeader(false).withUTF8Validator(true).build()));
            } else {
                p.addLast("http", new HttpServerCodec(4096, MAX_HANDSHAKE, 8192));
                addServerHandshake(p::addLast, service.webSocketPath().orElse(ws.path()), options);
                return;
            }
            p.addLast("ws-negotiation", new WebSocketNegotiation(options.handshakeTimeout()));
        });
    }

    /**
     * Adds a server's upgrade handshake after Netty's HTTP server codec, through {@code add} (a name and
     * a handler): the request aggregator, the origin check, compression, Netty's protocol handler for
     * {@code path} and the negotiation step. The HTTP listener calls it on an upgrade request.
     */
    static void addServerHandshake(BiConsumer<String, ChannelHandler> add, String path, TransportOptions options) {
        int limit = messageLimit(options);
        WebSocketOptions ws = options.webSocket();
        add.accept("http-aggregator", new HttpObjectAggregator(MAX_HANDSHAKE));
        if (!ws.allowedOrigins().isEmpty()) {
            add.accept("ws-origin", new WebSocketNegotiation.OriginCheck(ws.allowedOrigins()));
        }
        if (ws.compression()) {
            add.accept("ws-compression", new WebSocketServerCompressionHandler(limit));
        }
        add.accept("ws", new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(path).checkStartsWith(true)
                .handshakeTimeoutMillis(options.handshakeTimeout().toMillis())
                .sendCloseFrame(WebSocketCloseStatus.NORMAL_CLOSURE)
                .dropPongFrames(true)
                .decoderConfig(WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(limit)
                        .allowExtensions(ws.compression()).closeOnProtocolViolation(true)
                        .withUTF8Validator(true).expectMaskedFrames(true).build())
                .build()));
        add.accept("ws-negotiation", new WebSocketNegotiation(options.handshakeTimeout()));
    }

    /**
     * Adds the handlers between the protocol handler and the bridge through {@code add}: pings (if
     * asked), the frame aggregator and frames to messages.
     */
    static void addMessageHandlers(BiConsumer<String, ChannelHandler> add, TransportOptions options) {
        int limit = messageLimit(options);
        long ping = options.webSocket().pingInterval().toNanos();
        if (ping > 0) {
            // the clock starts when the connection opens, not while it negotiates
            add.accept("ws-keepalive", new io.netty.channel.ChannelInboundHandlerAdapter() {
                @Override
                public void channelActive(ChannelHandlerContext ctx) {
                    ctx.pipeline().replace(this, "ws-keepalive", new KeepAlive(ping));
                    ctx.fireChannelActive();
                }
            });
        }
        add.accept("ws-aggregator", new WebSocketFrameAggregator(limit));
        add.accept("ws-messages", new WebSocketMessages());
    }

    @Override
    protected MessageBridge addMessageLayer(ChannelPipeline pipeline, TransportListener listener, TransportOptions options) {
        int limit = messageLimit(options);
        addMessageHandlers(pipeline::addLast, options);
        MessageBridge bridge = new MessageBridge(listener, message -> WebSocketMessages.frame(message, limit));
        pipeline.addLast("bridge", bridge);
        return bridge;
    }

    /** Pings after an interval without traffic; a peer silent for two intervals is closed (1001). */
    static final class KeepAlive extends IdleStateHandler {
        KeepAlive(long intervalNanos) {
            super(2 * intervalNanos, 0, intervalNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
            if (evt.state() == IdleState.ALL_IDLE) {
                ctx.writeAndFlush(new PingWebSocketFrame());
            } else if (evt.state() == IdleState.READER_IDLE) {
                ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE))
                        .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
            }
        }
    }
}
