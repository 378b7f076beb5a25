package io.jrpcx.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A negotiation step holds the connection's opening back until it has finished. */
class NegotiationTest {

    /** Waits for the peer's "OK" line; whatever follows it in the same read is the next layer's. */
    private static final class Hello extends Negotiation {
        Hello(Duration deadline) {
            super("hello handshake", deadline);
        }

        @Override
        protected void begin(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.copiedBuffer("HELLO\n", StandardCharsets.US_ASCII));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            if (in.toString(StandardCharsets.US_ASCII).startsWith("OK\n")) {
                in.skipBytes(3);
                succeed(ctx);
                if (in.isReadable()) {
                    ctx.fireChannelRead(in);
                    return;
                }
            } else {
                fail(ctx, new java.io.IOException("the peer said no"));
            }
            in.release();
        }
    }

    @Test
    void theSessionOpensOnlyAfterTheHandshakeAndGetsWhatFollowsIt() {
        RecordingListener listener = new RecordingListener();
        io.jrpcx.framing.NewlineFramer framer = new io.jrpcx.framing.NewlineFramer();
        MessageBridge bridge = MessageBridge.overFramer(listener, framer);
        EmbeddedChannel ch = new EmbeddedChannel(new Hello(Duration.ofSeconds(10)), new FramerCodec(framer), bridge);
        ByteBuf hello = ch.readOutbound();
        assertThat(hello.toString(StandardCharsets.US_ASCII)).isEqualTo("HELLO\n");
        hello.release();
        assertThat(listener.events).isEmpty();
        assertThat(bridge.isActive()).isFalse();
        ch.writeInbound(Unpooled.copiedBuffer("OK\nfirst\n", StandardCharsets.US_ASCII));
        assertThat(listener.events).containsExactly("open", "message first");
        assertThat(ch.pipeline().get(Hello.class)).isNull();
        ch.finishAndReleaseAll();
    }

    @Test
    void aFailedHandshakeClosesTheChannelAndKeepsItsCause() {
        RecordingListener listener = new RecordingListener();
        MessageBridge bridge = new MessageBridge(listener, m -> m);
        EmbeddedChannel ch = new EmbeddedChannel(new Hello(Duration.ofSeconds(10)), bridge);
        ((ByteBuf) ch.readOutbound()).release();
        ch.writeInbound(Unpooled.copiedBuffer("NO\n", StandardCharsets.US_ASCII));
        assertThat(ch.isOpen()).isFalse();
        assertThat(bridge.failure()).hasMessage("the peer said no");
        assertThat(listener.events).isEmpty();   // never opened, so never closed either
        assertThat(bridge.opened()).isDone();
        ch.finishAndReleaseAll();
    }

    @Test
    void aHandshakePastItsDeadlineFails() throws Exception {
        MessageBridge bridge = new MessageBridge(new RecordingListener(), m -> m);
        EmbeddedChannel ch = new EmbeddedChannel(new Hello(Duration.ofMillis(1)), bridge);
        ((ByteBuf) ch.readOutbound()).release();
        ch.advanceTimeBy(5, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isFalse();
        assertThat(bridge.failure()).isInstanceOf(Negotiation.NegotiationTimeoutException.class)
                .hasMessageContaining("hello handshake").hasMessageContaining("did not finish within 1 ms");
        ch.finishAndReleaseAll();
    }
}
