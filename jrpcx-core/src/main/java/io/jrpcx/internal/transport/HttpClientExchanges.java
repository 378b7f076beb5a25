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
 * the connection with its status line, so the calls waiting on it fail with that reason.
 *
 * <pre>{@code
 * pipeline.addLast(new HttpClientCodec(), new HttpObjectAggregator(limit), new HttpClientExchanges(service, http), bridge);
 * }</pre>
 */
final class HttpClientExchanges extends ChannelDuplexHandler {
    private final String host;
    private final String path;
    private final HttpOptions http;

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
        ctx.write(request, promise);
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
            boolean success = response.status().codeClass() == HttpStatusClass.SUCCESS;
            if (!success && !(body.length > 0 && isJson(response.headers().get(HttpHeaderNames.CONTENT_TYPE)))) {
                String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).strip();
                int line = text.indexOf('\n');
                text = line < 0 ? text : text.substring(0, line);
                throw new IOException("HTTP " + response.status() + (text.isEmpty() ? "" : ": " + text));
            }
        } finally {
            response.release();
        }
        if (body.length > 0) {
            ctx.fireChannelRead(body);
        }
    }

    /** A JSON-RPC server may answer an error with a status such as 500 and the error in a JSON body (bitcoind). */
    private static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
    }
}
