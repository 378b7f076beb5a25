package io.jrpcx.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jrpcx.framing.NewlineFramer;
import io.jrpcx.transport.ReadPause;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The message bridge alone, over an in-memory channel. */
class MessageBridgeTest {
    private final RecordingListener listener = new RecordingListener();
    private final NewlineFramer framer = new NewlineFramer(100);
    private final MessageBridge bridge = MessageBridge.overFramer(listener, framer);
    private final EmbeddedChannel ch = new EmbeddedChannel(new FramerCodec(framer), bridge);

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    @Test
    void deliversMessagesAndDropsThenClosesOnce() {
        ch.writeInbound(bytes("one\n" + "x".repeat(200) + "\ntwo\n"));
        ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        ch.close();
        assertThat(listener.events).containsExactly("open", "message one", "dropped", "message two",
                "input closed", "closed");
    }

    @Test
    void fatalInputEndsReadingAndTheListenerClosesAfterAnsweringWhatItHas() {
        RecordingListener fatalListener = new RecordingListener();
        io.jrpcx.framing.BitcoinFramer bitcoin = new io.jrpcx.framing.BitcoinFramer();
        EmbeddedChannel bc = new EmbeddedChannel(new FramerCodec(bitcoin), MessageBridge.overFramer(fatalListener, bitcoin));
        byte[] good = bitcoin.frame("ping", new byte[8]);
        byte[] bad = good.clone();
        bad[0] ^= 1;   // wrong network magic
        bc.writeInbound(Unpooled.wrappedBuffer(good, bad, good));
        // the good message before the bad magic is delivered; nothing after it is
        assertThat(fatalListener.events).hasSize(4);
        assertThat(fatalListener.events.get(0)).isEqualTo("open");
        assertThat(fatalListener.events.get(1)).startsWith("message ping");
        assertThat(fatalListener.events.subList(2, 4)).containsExactly("dropped", "input closed");
        bc.finishAndReleaseAll();
    }

    @Test
    void aMessageTheFramingRefusesIsRefusedToTheSenderAndNothingIsWritten() {
        assertThatThrownBy(() -> bridge.send("a\nb".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        bridge.send("fine".getBytes(StandardCharsets.UTF_8));
        ByteBuf out = ch.readOutbound();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("fine\n");
        out.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void readingStopsWhileAnyReasonHoldsAndEachChangeIsReportedOnce() {
        assertThat(ch.config().isAutoRead()).isTrue();
        bridge.pauseReading(ReadPause.BACKLOG);
        bridge.pauseReading(ReadPause.REQUESTED);
        assertThat(ch.config().isAutoRead()).isFalse();
        bridge.resumeReading(ReadPause.BACKLOG);
        assertThat(ch.config().isAutoRead()).isFalse();
        bridge.resumeReading(ReadPause.REQUESTED);
        assertThat(ch.config().isAutoRead()).isTrue();
        bridge.resumeReading(ReadPause.REQUESTED);   // removing a reason twice changes nothing
        assertThat(listener.events).containsExactly("open", "reading [BACKLOG]", "reading []");
        ch.finishAndReleaseAll();
    }

    @Test
    void anAbortDiscardsWhatIsQueued() {
        ch.writeInbound(bytes("x\n"));   // inside a read, so the reply waits for the read to complete
        bridge.abort();
        ch.runPendingTasks();
        assertThat(ch.isOpen()).isFalse();
        assertThat(listener.events).endsWith("closed");
        ch.finishAndReleaseAll();
    }
}
