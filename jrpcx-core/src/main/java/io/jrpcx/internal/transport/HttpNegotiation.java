package io.jrpcx.internal.transport;

import io.jrpcx.transport.TransportOptions;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The first request of a connection to an HTTP listener decides what the connection is: a WebSocket
 * upgrade ({@code GET} with {@code Upgrade: websocket}) turns the pipeline into a WebSocket server's,
 * and the connection opens once the upgrade is done; anything else makes it an HTTP session, open at
 * once, and the request goes on to the HTTP handlers. The first request's headers must arrive within the
 * handshake deadline; a request the decoder cannot read ({@code 431} for headers too large) is answered
 * and the connection closed.
 *
 * <pre>{@code
 * pipeline.addLast("http", new HttpServerCodec(4096, 8192, 8192));
 * pipeline.addLast("http-negotiation", new HttpNegotiation("/", options));
 * }</pre>
 */
final class HttpNegotiation extends Negotiation {
    /** The HTTP handlers that an upgrade replaces. */
    static final List<String> HTTP_HANDLERS = List.of("http-gate", "http-aggregator", "http-exchanges");

    private final String webSocketPath;
    private final TransportOptions options;

    HttpNegotiation(String webSocketPath, TransportOptions options) {
        super("HTTP request", options.handshakeTimeout());
        this.webSocketPath = webSocketPath;
        this.options = options;
    }

    @Override
    protected void begin(ChannelHandlerContext ctx) {
        // the client speaks first
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (isFinished() || !(msg instanceof HttpRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (request.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            HttpResponses.refuseUndecodable(ctx, request.decoderResult());
            fail(ctx, new IOException("bad HTTP request: " + request.decoderResult().cause().getMessage()));
            return;
        }
        MessageBridge bridge = ctx.pipeline().get(MessageBridge.class);
        if (isUpgrade(request)) {
            toWebSocket(ctx.pipeline());
        } else if (bridge != null) {
            bridge.setAnswersOnly(true);
        }
        succeed(ctx);
        ctx.fireChannelRead(msg);
    }

    static boolean isUpgrade(HttpRequest request) {
        return request.method().equals(HttpMethod.GET)
                && request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
                && request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
    }

    /** Replaces the HTTP handlers with the WebSocket handshake and message handlers. */
    private void toWebSocket(ChannelPipeline p) {
        for (String name : HTTP_HANDLERS) {
            if (p.get(name) != null) {
                p.remove(name);
            }
        }
        BiConsumer<String, ChannelHandler> add = (name, handler) -> p.addBefore("bridge", name, handler);
        WebSocketTransport.addServerHandshake(add, webSocketPath, options);
        WebSocketTransport.addMessageHandlers(add, options);
        add.accept("ws-encoder", new WebSocketMessages.Encoder(WebSocketTransport.messageLimit(options)));
    }
}
