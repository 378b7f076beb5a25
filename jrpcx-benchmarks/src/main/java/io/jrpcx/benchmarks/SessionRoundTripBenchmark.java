package io.jrpcx.benchmarks;

import io.jrpcx.framing.Framing;
import io.jrpcx.framing.Framer;
import io.jrpcx.internal.transport.FramerCodec;
import io.jrpcx.internal.transport.MessageBridge;
import io.jrpcx.jsonrpc.Item;
import io.jrpcx.jsonrpc.Request;
import io.jrpcx.session.RpcHandler;
import io.jrpcx.session.RpcSession;
import io.jrpcx.session.JsonRpcOptions;
import io.jrpcx.session.SessionListener;
import io.jrpcx.session.SessionOptions;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One echo request through a whole server session over an in-memory channel: framing, parsing,
 * dispatch to an inline handler, encoding, framing and the write. No sockets, no thread handoff.
 *
 * <pre>{@code
 * java -jar jrpcx-benchmarks/target/jrpcx-benchmarks.jar SessionRoundTripBenchmark -prof gc
 * }</pre>
 */
public class SessionRoundTripBenchmark extends HotPathBenchmark {
    /** The request with its line ending, as it arrives on the wire. */
    private static final byte[] LINE = Framing.newline().newFramer().frame(ECHO_REQUEST);

    /** The same request with the id loadgen's second connection sends first: an integer beyond an int. */
    private static final byte[] LINE_LONG_ID = Framing.newline().newFramer().frame(
            new String(ECHO_REQUEST, java.nio.charset.StandardCharsets.UTF_8).replace("12345", "4294967297")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));

    /** A batch of 100 echo requests as loadgen sends it (ids beyond an int), with its line ending. */
    private static final byte[] BATCH_LINE = Framing.newline().newFramer().frame(batchOf(100));

    private EmbeddedChannel channel;

    @Setup
    public void setup() {
        RpcHandler echo = new RpcHandler() {
            @Override
            public Object handle(RpcSession session, Item item) {
                return ((Request) item).args().node().get(0);
            }

            @Override
            public boolean isInline(Item item) {
                return true;
            }
        };
        RpcSession session = RpcSession.create(SessionOptions.defaults(), JsonRpcOptions.defaults(), echo,
                SessionListener.NONE);
        Framer framer = Framing.newline().newFramer();
        channel = new EmbeddedChannel(new FramerCodec(framer), MessageBridge.overFramer(session.transportListener(), framer));
    }

    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
    }

    @Benchmark
    public int echoRequest() {
        return roundTrip(LINE);
    }

    /** As {@link #echoRequest()} with an id beyond an int, as loadgen sends on every connection but its first. */
    @Benchmark
    public int echoRequestLongId() {
        return roundTrip(LINE_LONG_ID);
    }

    /** A batch of 100 echo requests in one message, one read; divide by 100 for a member's share. */
    @Benchmark
    public int echoBatch100() {
        return roundTrip(BATCH_LINE);
    }

    private static byte[] batchOf(int members) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < members; i++) {
            s.append(i == 0 ? "" : ",").append("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"hello world\"],\"id\":")
                    .append(429496729700000L + i).append('}');
        }
        return s.append(']').toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Writes {@code line} into {@code in} as an epoll read does, straight into the buffer's memory:
     * {@code writeBytes(byte[])} would make an NIO view of the buffer (Netty 4.2's adaptive allocator),
     * an object the read of a real connection does not make.
     */
    private static void fill(ByteBuf in, byte[] line) {
        int i = 0;
        for (; i + Long.BYTES <= line.length; i += Long.BYTES) {
            in.writeLong((long) LONGS.get(line, i));
        }
        for (; i < line.length; i++) {
            in.writeByte(line[i]);
        }
    }

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    private int roundTrip(byte[] line) {
        // a pooled buffer, as a socket read delivers: the benchmark measures the session, not its input
        ByteBuf in = channel.alloc().buffer(line.length);
        fill(in, line);
        // one read as the channel delivers it (writeInbound would add its varargs array)
        channel.pipeline().fireChannelRead(in).fireChannelReadComplete();
        channel.runPendingTasks();
        channel.checkException();
        ByteBuf response = channel.readOutbound();
        int size = response.readableBytes();
        response.release();
        return size;
    }
}
