package io.jrpcx.framing;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Splits a byte stream into messages and frames messages for sending. Sans-I/O: bytes go in through
 * {@link #feed(ByteBuffer, Consumer)} in pieces of any size and whole messages come out, in order.
 * A framer instance belongs to one connection and is not thread-safe.
 *
 * <pre>{@code
 * Framer framer = new NewlineFramer(1_000_000);
 * framer.feed(ByteBuffer.wrap("{\"a\":1}\n{\"b\"".getBytes()), msg -> handle(msg));
 * byte[] wire = framer.frame("{\"c\":3}".getBytes());
 * }</pre>
 */
public interface Framer {

    /** Returns the bytes to send for one message. */
    byte[] frame(byte[] message);

    /**
     * Consumes all of {@code data} and passes each message completed by it to {@code sink}. Oversized or
     * malformed input is dropped as the implementation documents; it never throws for bad input.
     */
    void feed(ByteBuffer data, Consumer<byte[]> sink);
}
