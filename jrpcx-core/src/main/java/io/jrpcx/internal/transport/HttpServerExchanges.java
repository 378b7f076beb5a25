package io.jrpcx.internal.transport;

import io.jrpcx.transport.HttpOptions;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's HTTP exchanges: the body of each {@code POST} (whole, from the aggregator before it) is
 * one message for the bridge, and the message the session sends next is its response body
 * ({@code 200}, {@code application/json}); {@link MessageBridge#NO_REPLY} becomes {@code 204}. It
 * refuses what is not a JSON-RPC call: another path {@code 404}, another method {@code 405} (with
 * {@code Allow: POST}), missing or wrong credentials {@code 401} (with {@code WWW-Authenticate}), an
 * origin not allowed {@code 403}; it answers CORS preflights for the allowed origins (any by default). The
 * {@link HttpGate} before it lets one request at a time through, so there is at most one exchange.
 *
 * <pre>{@code
 * pipeline.addLast(new HttpObjectAggregator(limit), new HttpServerExchanges("/", options.http()), bridge);
 * }</pre>
 */
final class HttpServerExchanges extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServerExchanges.class);
    private static final String JSON = "application/json";

    private final String path;
    private final HttpOptions http;
    private final List<byte[]> credentials;
    private @Nullable Exchange current;

    /** The request being answered: what its response needs. */
    private record Exchange(HttpVersion version, boolean keepAlive, @Nullable String allowOrigin) {
    }

    HttpServerExchanges(String path, HttpOptions http) {
        this.path = path;
        this.http = http;
        this.credentials = http.authorizations().stream().map(a -> a.getBytes(StandardCharsets.ISO_8859_1)).toList();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        byte[] body;
        try {
            body = accept(ctx, request);
        } finally {
            request.release();
        }
        if (body != null) {
            ctx.fireChannelRead(body);
        }
    }

    /** The request's body when it is a call to pass on; else answers it here and returns null. */
    private byte @Nullable [] accept(ChannelHandlerContext ctx, FullHttpRequest request) {
        HttpVersion version = request.protocolVersion();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        String allowOrigin = allowedOrigin(origin);
        if (origin != null && allowOrigin == null) {
            refuse(ctx, version, keepAlive, null, HttpResponseStatus.FORBIDDEN, "origin not allowed: " + origin);
            return null;
        }
        if (!pathMatches(request.uri())) {
            refuse(ctx, version, keepAlive, allowOrigin, HttpResponseStatus.NOT_FOUND, "no JSON-RPC at " + request.uri());
            return null;
        }
        HttpMethod method = request.method();
        if (method.equals(HttpMethod.OPTIONS)) {
            FullHttpResponse r = new DefaultFullHttpResponse(version, HttpResponseStatus.NO_CONTENT, Unpooled.EMPTY_BUFFER);
            r.headers().set(HttpHeaderNames.ALLOW, "POST, OPTIONS");
            if (allowOrigin != null) {
                String asked = request.headers().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
                cors(r.headers(), allowOrigin);
                r.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "POST, OPTIONS")
                        .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS,
                                asked == null || asked.isBlank() ? "Content-Type, Authorization" : asked)
                        .set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
            }
            HttpResponses.write(ctx, r, !keepAlive);
            return null;
        }
        if (!method.equals(HttpMethod.POST)) {
            FullHttpResponse r = HttpResponses.text(version, HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "JSON-RPC over HTTP takes POST, not " + method.name());
            r.headers().set(HttpHeaderNames.ALLOW, "POST");
            send(ctx, r, keepAlive, allowOrigin);
            return null;
        }
        if (!credentials.isEmpty() && !authorized(request.headers().get(HttpHeaderNames.AUTHORIZATION))) {
            FullHttpResponse r = HttpResponses.text(version, HttpResponseStatus.UNAUTHORIZED, "credentials required");
            boolean basic = http.authorizations().stream().anyMatch(a -> a.startsWith("Basic "));
            boolean bearer = http.authorizations().stream().anyMatch(a -> a.startsWith("Bearer "));
            if (basic) {
                r.headers().add(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"jrpcx\", charset=\"UTF-8\"");
            }
            if (bearer) {
                r.headers().add(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"jrpcx\"");
            }
            send(ctx, r, keepAlive, allowOrigin);
            LOG.debug("{}: refused a request without valid credentials", ctx.channel().remoteAddress());
            return null;
        }
        current = new Exchange(version, keepAlive, allowOrigin);
        return ByteBufUtil.getBytes(request.content());
    }

    private void refuse(ChannelHandlerContext ctx, HttpVersion version, boolean keepAlive, @Nullable String allowOrigin,
                        HttpResponseStatus status, String line) {
        send(ctx, HttpResponses.text(version, status, line), keepAlive, allowOrigin);
    }

    private static void send(ChannelHandlerContext ctx, FullHttpResponse r, boolean keepAlive, @Nullable String allowOrigin) {
        if (allowOrigin != null) {
            cors(r.headers(), allowOrigin);
        }
        HttpResponses.write(ctx, r, !keepAlive);
    }

    static void cors(HttpHeaders headers, String allowOrigin) {
        headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, allowOrigin)
                .set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, "Allow, WWW-Authenticate");
        if (!allowOrigin.equals("*")) {
            headers.set(HttpHeaderNames.VARY, "Origin");
        }
    }

    private @Nullable String allowedOrigin(@Nullable String origin) {
        return allowedOrigin(http, origin);
    }

    /**
     * The value of {@code Access-Control-Allow-Origin} for a request from {@code origin}: {@code *} when
     * every origin is allowed (never with credentials: a page cannot make the browser add its own), the
     * origin itself when it is one of those allowed, null when it is not (or there is none).
     */
    static @Nullable String allowedOrigin(HttpOptions http, @Nullable String origin) {
        if (origin == null) {
            return null;
        }
        if (http.allowedOrigins().isEmpty() || http.allowedOrigins().contains("*")) {
            return "*";
        }
        return http.allowedOrigins().contains(origin.toLowerCase(Locale.ROOT)) ? origin : null;
    }

    private boolean pathMatches(String uri) {
        if (path.equals("/")) {
            return true;
        }
        if (!uri.startsWith(path)) {
            return false;
        }
        if (uri.length() == path.length()) {
            return true;
        }
        char next = uri.charAt(path.length());
        return next == '/' || next == '?' || path.endsWith("/");
    }

    /** Compares in constant time with every accepted credential; the scheme's case does not matter. */
    private boolean authorized(@Nullable String header) {
        if (header == null) {
            return false;
        }
        String h = header.trim();
        int space = h.indexOf(' ');
        if (space > 0) {
            String scheme = h.substring(0, space);
            String rest = h.substring(space + 1).trim();
            if (scheme.equalsIgnoreCase("basic")) {
                h = "Basic " + rest;
            } else if (scheme.equalsIgnoreCase("bearer")) {
                h = "Bearer " + rest;
            }
        }
        byte[] given = h.getBytes(StandardCharsets.ISO_8859_1);
        boolean ok = false;
        for (byte[] c : credentials) {
            ok |= MessageDigest.isEqual(given, c);
        }
        return ok;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof byte[] body) {
            answer(ctx, HttpResponseStatus.OK, body, promise);
        } else if (msg == MessageBridge.NO_REPLY) {
            answer(ctx, HttpResponseStatus.NO_CONTENT, null, promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    private void answer(ChannelHandlerContext ctx, HttpResponseStatus status, byte @Nullable [] body, ChannelPromise promise) {
        Exchange e = current;
        current = null;
        if (e == null) {
            // nothing was asked: a message of the session's own, which HTTP cannot carry
            LOG.debug("{}: dropped a message sent with no request to answer", ctx.channel().remoteAddress());
            promise.trySuccess();
            return;
        }
        FullHttpResponse r = new DefaultFullHttpResponse(e.version(), status,
                body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        if (body != null) {
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, JSON).setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        }
        if (e.allowOrigin() != null) {
            cors(r.headers(), e.allowOrigin());
        }
        if (!e.keepAlive()) {
            r.headers().set(HttpHeaderNames.CONNECTION, "close");
            ctx.writeAndFlush(r).addListener(io.netty.channel.ChannelFutureListener.CLOSE);
            promise.trySuccess();
        } else {
            if (e.version().equals(HttpVersion.HTTP_1_0)) {
                r.headers().set(HttpHeaderNames.CONNECTION, "keep-alive");
            }
            ctx.write(r, promise);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        current = null;
        ctx.fireChannelInactive();
    }
}
