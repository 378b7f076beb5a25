package io.jrpcx.internal.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * The WebSocket upgrade as a negotiation step. It follows Netty's WebSocket protocol handler, which
 * runs the HTTP handshake, and lets the connection open once that handler reports it complete. On a
 * server it also answers what the protocol handler passes on: a request for another path gets 404.
 *
 * <pre>{@code
 * pipeline.addLast(new WebSocketServerProtocolHandler(config), new WebSocketNegotiation(deadline));
 * }</pre>
 */
final class WebSocketNegotiation extends Negotiation {
    WebSocketNegotiation(Duration deadline) {
        super("WebSocket handshake", deadline);
    }

    @Override
    protected void begin(ChannelHandlerContext ctx) {
        // Netty's protocol handler before this step sends (client) or awaits (server) the upgrade
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE
                || evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            succeed(ctx);
            return;
        }
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT
                || evt == WebSocketServerProtocolHandler.ServerHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            fail(ctx, new NegotiationTimeoutException("WebSocket handshake did not finish in time"));
            return;
        }
        if (evt instanceof ClientHandshakeStateEvent || evt instanceof WebSocketServerProtocolHandler.ServerHandshakeStateEvent) {
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!isFinished() && msg instanceof FullHttpRequest request) {
            String uri = request.uri();
            ReferenceCountUtil.release(msg);
            respond(ctx, HttpResponseStatus.NOT_FOUND);
            fail(ctx, new IOException("WebSocket handshake failed: no WebSocket at " + uri));
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (isFinished()) {
            ctx.fireExceptionCaught(cause);
        } else {
            String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            fail(ctx, new IOException("WebSocket handshake failed: " + reason, cause));
        }
    }

    static void respond(ChannelHandlerContext ctx, HttpResponseStatus status) {
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0).set(HttpHeaderNames.CONNECTION, "close");
        ctx.writeAndFlush(response);
    }

    /**
     * A server's check of the {@code Origin} header of an upgrade request, before Netty's protocol handler:
     * an origin not allowed gets 403; a request without one (not from a browser) passes.
     */
    static final class OriginCheck extends io.netty.channel.ChannelInboundHandlerAdapter {
        private final Set<String> allowed;

        OriginCheck(Set<String> allowed) {
            this.allowed = allowed;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpRequest request) {
                String origin = request.headers().get(HttpHeaderNames.ORIGIN);
                if (origin != null && !allowed.contains(origin.toLowerCase(Locale.ROOT))) {
                    ReferenceCountUtil.release(msg);
                    respond(ctx, HttpResponseStatus.FORBIDDEN);
                    ctx.fireExceptionCaught(new IOException("origin not allowed: " + origin));
                    return;
                }
                ctx.pipeline().remove(this);
            }
            ctx.fireChannelRead(msg);
        }
    }
}
