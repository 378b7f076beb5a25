package io.jrpcx.internal.transport;

import io.jrpcx.net.Service;
import io.jrpcx.transport.HttpOptions;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A client's HTTP exchanges: each message the bridge sends is the body of one {@code POST} to the URL's
 * path, on the one keep-alive connection (requests are pipelined; the answers come in order); each
 * response's body is one message for the bridge, and a {@code 204} or empty body is none. A response
 * that is not a success and holds no JSON (a {@code 401}, {@code 413}, or a proxy's HTML page) fails
 * the connection with its status line, so the calls waiting on it fail with that reason. It keeps the
 * bodies of the requests not yet answered, so that {@link HttpClientConnections} can post again those a
 * server did not read: the ones after a response that closes the connection ({@code Connection: close},
 * or an HTTP/1.0 response without keep-alive), and those posted on a connection that had gone idle and
 * then ended before a byte of any answer came (the server closed it as idle while they were on their
 * way, as every keep-alive client meets; it counts the bytes read through {@link #byteCounter()}).
 *
 * <pre>{@code
 * pipeline.addLast(new HttpClientCodec(), new HttpObjectAggregator(limit), new HttpClientExchanges(service, http), bridge);
 * }</pre>
 */
final class HttpClientExchanges extends ChannelDuplexHandler {
    private final String host;
    private final String path;
    private final HttpOptions http;
    /** The bodies posted and not yet answered, oldest first. */
    private final java.util.ArrayDeque<byte[]> unanswered = new java.util.ArrayDeque<>();
    private boolean closeAnnounced;
    private boolean failed;
    /** A response has kept the connection open: requests may be pipelined on it. */
    private boolean persistent;
    private int answered;
    /** Bytes read on the connection, before the HTTP decoder. */
    private long bytesRead;
    /** {@link #bytesRead} when a request was posted on an idle connection that had answered before; -1 when none waits. */
    private long bytesAtIdlePost = -1;
    private Runnable afterResponse = () -> { };

    HttpClientExchanges(Service service, HttpOptions http) {
        this.host = service.address().toString();
        this.path = service.urlPath().orElse("/");
        this.http = http;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof byte[] body)) {
            ctx.write(msg, promise);
            return;
        }
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path,
                Unpooled.wrappedBuffer(body));
        HttpHeaders h = request.headers();
        h.set(HttpHeaderNames.HOST, host)
                .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .set(HttpHeaderNames.ACCEPT, "application/json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (!http.authorizations().isEmpty()) {
            h.set(HttpHeaderNames.AUTHORIZATION, http.authorizations().get(0));
        }
        for (Map.Entry<String, String> e : http.headers().entrySet()) {
            h.set(e.getKey(), e.getValue());
        }
        if (unanswered.isEmpty()) {
            bytesAtIdlePost = answered > 0 ? bytesRead : -1;
        }
        unanswered.add(body);
        ctx.write(request, promise);
    }

    /** Counts the bytes read on the connection; it goes before the HTTP decoder. */
    io.netty.channel.ChannelHandler byteCounter() {
        return new io.netty.channel.ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof io.netty.buffer.ByteBuf buf) {
                    bytesRead += buf.readableBytes();
                }
                ctx.fireChannelRead(msg);
            }
        };
    }

    /** The connection, idle after answering, took requests and then ended with no byte of an answer. */
    private boolean endedIdle() {
        return bytesAtIdlePost >= 0 && bytesRead == bytesAtIdlePost;
    }

    /**
     * True when another request may be posted now: the server has not announced the close, and either
     * a response has shown that it keeps connections open or nothing is owed. Until the first response,
     * one request at a time: an HTTP/1.0 server reads one request and closes, and requests pipelined
     * behind it would be lost with its answer (the close resets a connection with unread bytes).
     */
    boolean takesMore() {
        return !closeAnnounced && (persistent || unanswered.isEmpty());
    }

    /** Runs {@code action} on the I/O thread after each response has been handled. */
    void afterResponse(Runnable action) {
        this.afterResponse = action;
    }

    /** True once a response failed the connection (an HTTP error without a JSON body). */
    boolean failed() {
        return failed;
    }

    /** {@return how many requests posted on this connection have no answer yet} */
    int owed() {
        return unanswered.size();
    }

    /**
     * Once the connection has ended: true when the server read a request it did not answer (it may have
     * acted on it, so it is not posted again).
     */
    boolean owesReadAnswers() {
        return !unanswered.isEmpty() && !closeAnnounced && !endedIdle();
    }

    /**
     * Once the connection has ended: the requests the server did not read, to post again. Those after the
     * response that announced the close, or all that were posted after the connection went idle when it
     * ended before a byte of any answer came.
     */
    java.util.List<byte[]> unreadByServer() {
        return closeAnnounced || endedIdle() ? java.util.List.copyOf(unanswered) : java.util.List.of();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws IOException {
        if (!(msg instanceof FullHttpResponse response)) {
            ctx.fireChannelRead(msg);
            return;
        }
        byte[] body;
        try {
            if (response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
                return;
            }
            body = ByteBufUtil.getBytes(response.content());
            unanswered.poll();
            answered++;
            bytesAtIdlePost = -1;
            if (!io.netty.handler.codec.http.HttpUtil.isKeepAlive(response)) {
                closeAnnounced = true;
            } else {
                persistent = true;
            }
            boolean success = response.status().codeClass() == HttpStatusClass.SUCCESS;
            if (!success && !(body.length > 0 && isJson(response.headers().get(HttpHeaderNames.CONTENT_TYPE)))) {
                String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).strip();
                int line = text.indexOf('\n');
                text = line < 0 ? text : text.substring(0, line);
                failed = true;
                throw new IOException("HTTP " + response.status() + (text.isEmpty() ? "" : ": " + text));
            }
        } finally {
            response.release();
        }
        if (body.length > 0) {
            ctx.fireChannelRead(body);
        }
        afterResponse.run();
    }

    /** A JSON-RPC server may answer an error with a status such as 500 and the error in a JSON body (bitcoind). */
    private static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
    }
}
