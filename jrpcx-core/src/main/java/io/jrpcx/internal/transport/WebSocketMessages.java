package io.jrpcx.internal.transport;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;

/**
 * WebSocket frames to messages and back: each whole text or binary message (continuations assembled
 * before, by Netty's frame aggregator) is one {@code byte[]} for the bridge; {@link #frame} makes the
 * frame of an outgoing message, text when it is valid UTF-8, else binary. A message over the limit,
 * assembled or inflated, closes the connection with code 1009.
 *
 * <pre>{@code
 * new MessageBridge(listener, message -> WebSocketMessages.frame(message, limit));
 * }</pre>
 */
final class WebSocketMessages extends MessageToMessageDecoder<WebSocketFrame> {
    WebSocketMessages() {
        super(WebSocketFrame.class);
    }

    /**
     * The frame that carries {@code message}.
     *
     * @throws IllegalArgumentException if it is longer than {@code limit}
     */
    static WebSocketFrame frame(byte[] message, int limit) {
        if (message.length > limit) {
            throw new IllegalArgumentException("message of " + message.length + " bytes is over the limit of " + limit);
        }
        return isUtf8(message) ? new TextWebSocketFrame(Unpooled.wrappedBuffer(message))
                : new BinaryWebSocketFrame(Unpooled.wrappedBuffer(message));
    }

    /** Whether {@code bytes} is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF). */
    static boolean isUtf8(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            int lead = b & 0xff;
            int extra;
            int min;
            if (lead >= 0xc2 && lead <= 0xdf) {
                extra = 1;
                min = 0x80;
            } else if (lead >= 0xe0 && lead <= 0xef) {
                extra = 2;
                min = 0x800;
            } else if (lead >= 0xf0 && lead <= 0xf4) {
                extra = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + extra >= n) {
                return false;
            }
            int cp = lead & (0x3f >> extra);
            for (int k = 1; k <= extra; k++) {
                int c = bytes[i + k] & 0xff;
                if ((c & 0xc0) != 0x80) {
                    return false;
                }
                cp = (cp << 6) | (c & 0x3f);
            }
            if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
                return false;
            }
            i += extra + 1;
        }
        return true;
    }

    /**
     * Frames the messages a bridge passes on as {@code byte[]}, for a connection that became a WebSocket
     * after its bridge was made (an HTTP listener's upgrade).
     */
    static final class Encoder extends io.netty.channel.ChannelOutboundHandlerAdapter {
        private final int limit;

        Encoder(int limit) {
            this.limit = limit;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, io.netty.channel.ChannelPromise promise) {
            if (msg instanceof byte[] message) {
                ctx.write(frame(message, limit), promise);
            } else if (msg == MessageBridge.NO_REPLY) {
                promise.trySuccess();
            } else {
                ctx.write(msg, promise);
            }
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
            out.add(ByteBufUtil.getBytes(frame.content()));
        }
        // pings, pongs and close frames are answered by Netty's protocol handler before this one
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause instanceof DecompressionException
                || cause.getCause() instanceof DecompressionException) {
            if (ctx.channel().isActive()) {
                ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG))
                        .addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        ctx.fireExceptionCaught(cause);
    }
}
