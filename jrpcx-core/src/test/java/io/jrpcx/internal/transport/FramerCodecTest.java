package io.jrpcx.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.jrpcx.framing.NewlineFramer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The framing layer alone: messages up, drops as events, framed writes gathered into one buffer per flush. */
class FramerCodecTest {

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    @Test
    void splitsReadsIntoMessagesAndReportsDrops() {
        List<Object> up = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(new FramerCodec(new NewlineFramer(5)), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                up.add(new String((byte[]) msg, StandardCharsets.UTF_8));
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                up.add(evt);
            }
        });
        ch.writeInbound(bytes("ab\ncd"));
        ch.writeInbound(bytes("\ntoolongline\nok\n"));
        assertThat(up).containsExactly("ab", "cd", new FramerCodec.Dropped(up.get(2) instanceof FramerCodec.Dropped d
                ? d.reason() : "?"), "ok");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void messagesWrittenBetweenFlushesAreFramedIntoOneBuffer() {
        EmbeddedChannel ch = new EmbeddedChannel(new FramerCodec(new NewlineFramer()));
        ch.write("a".getBytes(StandardCharsets.UTF_8));
        ch.write("bc".getBytes(StandardCharsets.UTF_8));
        assertThat((Object) ch.readOutbound()).isNull();   // nothing before the flush
        ch.flush();
        ByteBuf out = ch.readOutbound();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a\nbc\n");
        out.release();
        assertThat((Object) ch.readOutbound()).isNull();
        ch.finishAndReleaseAll();
    }

    @Test
    void aGracefulCloseSendsWhatWasWrittenAndAnAbortDiscardsIt() {
        EmbeddedChannel ch = new EmbeddedChannel(new FramerCodec(new NewlineFramer()));
        ch.write("kept".getBytes(StandardCharsets.UTF_8));
        ch.close();
        ByteBuf out = ch.readOutbound();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("kept\n");
        out.release();

        FramerCodec codec = new FramerCodec(new NewlineFramer());
        EmbeddedChannel other = new EmbeddedChannel(codec);
        other.write("dropped".getBytes(StandardCharsets.UTF_8));
        codec.discardPending();   // the leak detector fails the test if the buffer were kept
        other.flush();
        assertThat((Object) other.readOutbound()).isNull();
        other.finishAndReleaseAll();
    }
}
