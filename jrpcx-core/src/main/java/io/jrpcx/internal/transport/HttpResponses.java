package io.jrpcx.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.nio.charset.StandardCharsets;

/**
 * The responses a jrpcx HTTP server makes on its own (errors, {@code 204}): short, with a
 * {@code Content-Length}, and the connection closed after them when asked.
 *
 * <pre>{@code
 * HttpResponses.write(ctx, HttpResponses.text(HTTP_1_1, METHOD_NOT_ALLOWED, "use POST"), true);
 * }</pre>
 */
final class HttpResponses {
    private HttpResponses() {
    }

    /** A response with a one-line {@code text/plain} body. */
    static FullHttpResponse text(HttpVersion version, HttpResponseStatus status, String line) {
        ByteBuf body = Unpooled.copiedBuffer(line + "\n", StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(version, status, body);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        return r;
    }

    /**
     * Writes {@code response} and flushes; with {@code close}, says {@code Connection: close} and closes
     * once it is written, else keeps an HTTP/1.0 client's connection open with {@code keep-alive}.
     */
    static void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean close) {
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            if (response.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
            ctx.writeAndFlush(response);
        }
    }

    /** The status for a request Netty's decoder could not read: 431, 414 or 400. */
    static HttpResponseStatus statusOf(DecoderResult result) {
        Throwable cause = result.cause();
        return cause instanceof TooLongHttpHeaderException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                : cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                : HttpResponseStatus.BAD_REQUEST;
    }

    /** Answers a request the decoder could not read, then closes: what follows it cannot be framed. */
    static void refuseUndecodable(ChannelHandlerContext ctx, DecoderResult result) {
        HttpResponseStatus status = statusOf(result);
        write(ctx, text(HttpVersion.HTTP_1_1, status, status.reasonPhrase()), true);
    }
}
