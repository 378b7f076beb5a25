package io.jrpcx.internal.socks;

import static org.assertj.core.api.Assertions.assertThat;

import io.jrpcx.internal.transport.Negotiation;
import io.jrpcx.socks.SocksAuth;
import io.jrpcx.socks.SocksException;
import io.jrpcx.socks.SocksProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pipeline step on an {@link EmbeddedChannel}: replies split at every byte, leftovers, activation. */
class SocksNegotiationTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    /** Records what reaches the handler after the step. */
    static final class Next extends ChannelInboundHandlerAdapter {
        final List<String> events = new ArrayList<>();

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            events.add("active");
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            events.add("read " + ByteBufUtil.hexDump(buf));
            buf.release();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            events.add("inactive");
        }
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    private static String drainOutbound(EmbeddedChannel ch) {
        StringBuilder out = new StringBuilder();
        ByteBuf b;
        while ((b = ch.readOutbound()) != null) {
            if (!out.isEmpty() && b.isReadable()) {
                out.append(' ');
            }
            out.append(HEX.formatHex(ByteBufUtil.getBytes(b)));
            b.release();
        }
        return out.toString();
    }

    private static EmbeddedChannel channel(Next next, String host) throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(false, false);
        ch.pipeline().addLast(new SocksNegotiation(
                SocksProtocol.SOCKS5.handshake(host, 8000, SocksAuth.user("alice", "secret")), Duration.ZERO), next);
        ch.register();
        return ch;
    }

    @Test
    void everyByteInItsOwnReadThenTheLeftoverGoesOn() throws Exception {
        byte[] stream = bytes("05 02 01 00 05 00 00 01 7f 00 00 01 1f 40 68 69");
        for (int cut = 0; cut < 14; cut++) {
            Next next = new Next();
            EmbeddedChannel ch = channel(next, "127.0.0.1");
            assertThat(drainOutbound(ch)).isEqualTo("05 02 00 02");
            // the first `cut` bytes one at a time, then the rest in one read
            for (int i = 0; i < cut; i++) {
                ch.writeInbound(Unpooled.wrappedBuffer(stream, i, 1));
                assertThat(next.events).as("held back until the grant").isEmpty();
            }
            ch.writeInbound(Unpooled.wrappedBuffer(stream, cut, stream.length - cut));
            assertThat(next.events).containsExactly("active", "read 6869");
            assertThat(ch.pipeline().get(SocksNegotiation.class)).isNull();
            assertThat(drainOutbound(ch)).isEqualTo("01 05 61 6c 69 63 65 06 73 65 63 72 65 74 05 01 00 01 7f 00 00 01 1f 40");
            ch.writeInbound(Unpooled.wrappedBuffer(bytes("21")));
            assertThat(next.events).containsExactly("active", "read 6869", "read 21");
            assertThat(ch.finishAndReleaseAll()).isFalse();
        }
        Next next = new Next();
        EmbeddedChannel ch = channel(next, "127.0.0.1");
        for (int i = 0; i < stream.length; i++) {
            ch.writeInbound(Unpooled.wrappedBuffer(stream, i, 1));
        }
        assertThat(next.events).containsExactly("active", "read 68", "read 69");
        ch.finishAndReleaseAll();
    }

    @Test
    void aGrantWithNothingAfterItReleasesTheBuffer() throws Exception {
        Next next = new Next();
        EmbeddedChannel ch = channel(next, "127.0.0.1");
        drainOutbound(ch);
        ByteBuf reply = Unpooled.wrappedBuffer(bytes("05 00 05 00 00 01 7f 00 00 01 1f 40"));
        ch.writeInbound(reply);
        assertThat(reply.refCnt()).isZero();
        assertThat(next.events).containsExactly("active");
        ch.finishAndReleaseAll();
    }

    @Test
    void aBadReplyClosesTheChannelAndKeepsTheCause() throws Exception {
        Next next = new Next();
        EmbeddedChannel ch = channel(next, "127.0.0.1");
        drainOutbound(ch);
        ByteBuf reply = Unpooled.wrappedBuffer(bytes("05 01 ff ff"));
        ch.writeInbound(reply);
        assertThat(reply.refCnt()).isZero();
        assertThat(ch.isOpen()).isFalse();
        assertThat(ch.attr(Negotiation.FAILURE).get()).isInstanceOf(SocksException.class)
                .hasMessage("SOCKS5 proxy chose authentication method 1, which was not offered");
        assertThat(next.events).doesNotContain("active");
        ch.finishAndReleaseAll();
    }

    @Test
    void theEndOfInputBeforeTheGrantIsAProtocolError() throws Exception {
        Next next = new Next();
        EmbeddedChannel ch = channel(next, "localhost");
        drainOutbound(ch);
        ch.writeInbound(Unpooled.wrappedBuffer(bytes("05 00 05 00 00")));
        assertThat(drainOutbound(ch)).isEqualTo("05 01 00 03 09 6c 6f 63 61 6c 68 6f 73 74 1f 40");
        ch.close();
        assertThat(ch.attr(Negotiation.FAILURE).get()).isInstanceOf(SocksException.class)
                .hasMessage("SOCKS5 proxy closed the connection after 3 of 5 bytes of its connection reply");
        assertThat(next.events).containsExactly("inactive");
        ch.finishAndReleaseAll();
    }

    @Test
    void withoutAutoReadTheStepAsksForEachReply() throws Exception {
        Next next = new Next();
        EmbeddedChannel ch = new EmbeddedChannel(false, false);
        ch.config().setAutoRead(false);
        List<String> reads = new ArrayList<>();
        ch.pipeline().addLast(new io.netty.channel.ChannelOutboundHandlerAdapter() {
            @Override
            public void read(ChannelHandlerContext ctx) throws Exception {
                reads.add("read");
                super.read(ctx);
            }
        });
        ch.pipeline().addLast(new SocksNegotiation(
                SocksProtocol.SOCKS4.handshake("127.0.0.1", 80, SocksAuth.none()), Duration.ZERO), next);
        ch.register();
        assertThat(reads).hasSize(1);
        ch.writeInbound(Unpooled.wrappedBuffer(bytes("00 5a 00")));
        assertThat(reads).hasSize(2);
        ch.writeInbound(Unpooled.wrappedBuffer(bytes("00 00 00 00 00")));
        assertThat(next.events).containsExactly("active");
        ch.finishAndReleaseAll();
    }
}
