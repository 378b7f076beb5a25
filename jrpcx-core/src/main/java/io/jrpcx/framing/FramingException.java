package io.jrpcx.framing;

/**
 * The framing layer's one exception: a byte stream that a framer cannot go on reading. A framer reports
 * such a stream through {@link FrameSink#onFatal(String)}, whose default throws this exception; a
 * {@link BinaryFramer} subclass throws it from its header check to say the same thing.
 *
 * <pre>{@code
 * try {
 *     framer.feed(buffer, FrameSink.of(messages::add));
 * } catch (FramingException e) {
 *     connection.close();   // e.getMessage() says why, e.g. "bad network magic ..."
 * }
 * }</pre>
 */
public class FramingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a human-readable reason.
     *
     * @param reason what is wrong with the stream, for example {@code bad network magic}
     */
    public FramingException(String reason) {
        super(reason);
    }
}
