package io.jrpcx.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Frames to messages and back, and the UTF-8 check that picks text or binary frames. */
class WebSocketMessagesTest {

    private static boolean jdkSaysUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Test
    void theUtf8CheckAgreesWithTheJdkDecoder() {
        Random random = new Random(42);
        byte[][] edges = {
                {}, "plain".getBytes(StandardCharsets.UTF_8), "héllo ✓ 🌍".getBytes(StandardCharsets.UTF_8),
                {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xe0, (byte) 0x80, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xf0, (byte) 0x9f, (byte) 0x8c},
                {(byte) 0xe2, (byte) 0x9c}, {(byte) 0x80}, {(byte) 0xff}, {(byte) 0xef, (byte) 0xbf, (byte) 0xbf},
        };
        for (byte[] edge : edges) {
            assertThat(WebSocketMessages.isUtf8(edge)).as(ByteBufUtil.hexDump(edge)).isEqualTo(jdkSaysUtf8(edge));
        }
        for (int i = 0; i < 100_000; i++) {
            byte[] bytes = new byte[random.nextInt(8)];
            random.nextBytes(bytes);
            if (WebSocketMessages.isUtf8(bytes) != jdkSaysUtf8(bytes)) {
                throw new AssertionError("disagree on " + ByteBufUtil.hexDump(bytes));
            }
        }
    }

    @Test
    void aMessageGoesAsTextWhenItIsUtf8AndAsBinaryElse() {
        WebSocketFrame text = WebSocketMessages.frame("{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8), 100);
        WebSocketFrame binary = WebSocketMessages.frame(new byte[] {'"', (byte) 0xff, '"'}, 100);
        try {
            assertThat(text).isInstanceOf(TextWebSocketFrame.class);
            assertThat(binary).isInstanceOf(BinaryWebSocketFrame.class);
        } finally {
            text.release();
            binary.release();
        }
        assertThatThrownBy(() -> WebSocketMessages.frame(new byte[101], 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("over the limit of 100");
    }

    @Test
    void textAndBinaryFramesBecomeMessagesAndOthersNothing() {
        EmbeddedChannel channel = new EmbeddedChannel(new WebSocketMessages());
        channel.writeInbound(new TextWebSocketFrame("[1]"), new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {'2'})),
                new PingWebSocketFrame());
        assertThat((byte[]) channel.readInbound()).isEqualTo("[1]".getBytes(StandardCharsets.UTF_8));
        assertThat((byte[]) channel.readInbound()).isEqualTo(new byte[] {'2'});
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aMessageOverTheLimitIsClosedWith1009() {
        EmbeddedChannel channel = new EmbeddedChannel(new WebSocketMessages());
        channel.pipeline().fireExceptionCaught(new TooLongFrameException("too long"));
        CloseWebSocketFrame close = channel.readOutbound();
        try {
            assertThat(close.statusCode()).isEqualTo(1009);
        } finally {
            close.release();
        }
        assertThat(channel.isOpen()).isFalse();
    }
}
