package io.jrpcx.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jrpcx.framing.NewlineFramer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Copies with no NIO view: byte for byte what Netty's own copies give, at every length and offset. */
class SmallCopiesTest {
    private final Random random = new Random(8);

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static List<ByteBuf> buffers() {
        return List.of(ByteBufAllocator.DEFAULT.ioBuffer(4, 4096), Unpooled.directBuffer(4, 4096),
                Unpooled.buffer(4, 4096));
    }

    @Test
    void writesAppendExactlyTheBytesAndGrowTheBuffer() {
        for (int length : new int[] {0, 1, 7, 8, 9, 15, 16, 17, 100, 511, 512, 513, 1000}) {
            for (ByteBuf out : buffers()) {
                try {
                    byte[] src = randomBytes(length + 6);
                    out.writeByte(42);
                    SmallCopies.write(out, src, 3, length);
                    SmallCopies.write(out, src, 0, 2);
                    byte[] expected = new byte[1 + length + 2];
                    expected[0] = 42;
                    System.arraycopy(src, 3, expected, 1, length);
                    System.arraycopy(src, 0, expected, 1 + length, 2);
                    byte[] got = new byte[out.readableBytes()];
                    out.getBytes(out.readerIndex(), got);
                    assertThat(got).as("length %d into %s", length, out).isEqualTo(expected);
                } finally {
                    out.release();
                }
            }
        }
    }

    @Test
    void readsCopyExactlyTheBytesAndMoveNoIndex() {
        for (int length : new int[] {0, 1, 7, 8, 9, 63, 64, 65, 511, 512, 513, 1000}) {
            for (ByteBuf in : buffers()) {
                try {
                    byte[] content = randomBytes(length + 5);
                    in.writeBytes(content);
                    in.readerIndex(2);
                    byte[] dst = new byte[length + 1];
                    dst[length] = 7;
                    SmallCopies.read(in, 3, dst, length);
                    assertThat(Arrays.copyOf(dst, length)).isEqualTo(Arrays.copyOfRange(content, 3, 3 + length));
                    assertThat(dst[length]).isEqualTo((byte) 7);
                    assertThat(in.readerIndex()).isEqualTo(2);
                    assertThat(in.writerIndex()).isEqualTo(length + 5);
                } finally {
                    in.release();
                }
            }
        }
    }

    @Test
    void outOfRangeCopiesAreRefused() {
        ByteBuf buf = ByteBufAllocator.DEFAULT.ioBuffer(16, 16);
        try {
            assertThatThrownBy(() -> SmallCopies.write(buf, new byte[4], 2, 4)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> SmallCopies.write(buf, new byte[20], 0, 20)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(buf.writerIndex()).isZero();
            // as Netty's own getBytes, reads are checked against the capacity
            assertThatThrownBy(() -> SmallCopies.read(buf, 12, new byte[8], 8)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> SmallCopies.read(buf, 0, new byte[4], 8)).isInstanceOf(IndexOutOfBoundsException.class);
        } finally {
            buf.release();
        }
    }

    /** Small and large direct reads, messages split across them, through the codec: every message whole. */
    @Test
    void theCodecFramesSmallAndLargeDirectReadsAlike() {
        List<String> up = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(new FramerCodec(new NewlineFramer()), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                up.add(new String((byte[]) msg, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        });
        StringBuilder stream = new StringBuilder();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String line = "m" + i + "x".repeat(random.nextInt(i % 10 == 0 ? 2000 : 80));
            sent.add(line);
            stream.append(line).append('\n');
        }
        byte[] all = stream.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        for (int at = 0; at < all.length; ) {
            int n = Math.min(all.length - at, 1 + random.nextInt(random.nextBoolean() ? 40 : 1500));
            ByteBuf read = ch.alloc().ioBuffer(n);
            read.writeBytes(all, at, n);
            ch.writeInbound(read);
            at += n;
        }
        assertThat(up).isEqualTo(sent);
        assertThat(ch.finish()).isFalse();
    }
}
