package io.jrpcx.framing;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Receives what a {@link Framer} makes of its input: whole messages, reports of input it dropped, and
 * the report that the stream cannot be read any further. Not a functional interface on purpose, so that
 * a lambda passed to {@code feed} is always the plain message consumer.
 *
 * <pre>{@code
 * framer.feed(buffer, FrameSink.of(
 *         connection::onMessage,
 *         reason -> connection.countError(reason),    // one message lost, the stream goes on
 *         reason -> connection.close(reason)));       // the stream is lost: close the connection
 * }</pre>
 *
 * <h2>Dropped and fatal</h2>
 * A framer that can find the start of the next message after bad input (a newline framer after an
 * oversized line, a Bitcoin framer after a bad checksum) drops the bad message, reports it to
 * {@link #onDropped(String)} and goes on. A framer that cannot (a Bitcoin header with the wrong network
 * magic, a malformed Content-Length header) reports it to {@link #onFatal(String)} once, then discards
 * every later byte without reporting anything more: the owner should close the connection.
 */
public interface FrameSink {

    /**
     * Receives one whole message; the array is the caller's to keep.
     *
     * @param message the message's bytes, without framing
     */
    void onMessage(byte[] message);

    /**
     * Reports that the framer discarded a message or other input and re-synchronised; {@code reason} is a
     * human-readable description. Called once per discarded message, as soon as the framer knows.
     *
     * @param reason why the input was dropped, for logs
     */
    void onDropped(String reason);

    /**
     * Reports that the framer cannot find the next message in the stream, so nothing more can be read
     * from it and the connection should be closed; {@code reason} is a human-readable description. Called
     * at most once per framer; afterwards the framer consumes and ignores all input.
     *
     * <p>The default throws a {@link FramingException} with {@code reason}, so that a sink that does not
     * handle this still stops the connection: the exception propagates out of {@code feed}, and a
     * transport that closes on exceptions closes the connection.
     *
     * @param reason why the stream cannot be read on, for logs and the connection's close reason
     * @throws FramingException by default
     */
    default void onFatal(String reason) {
        throw new FramingException(reason);
    }

    /**
     * Returns a sink that passes messages to {@code messages}, ignores drop reports and throws on fatal.
     *
     * @param messages receives each whole message
     * @return the new sink
     */
    static FrameSink of(Consumer<byte[]> messages) {
        return of(messages, reason -> { });
    }

    /**
     * Returns a sink that passes messages to {@code messages} and drop reports to {@code dropped}, and
     * throws a {@link FramingException} on a fatal error (the default of {@link #onFatal(String)}).
     *
     * @param messages receives each whole message
     * @param dropped receives the reason for each dropped message
     * @return the new sink
     */
    static FrameSink of(Consumer<byte[]> messages, Consumer<String> dropped) {
        return of(messages, dropped, reason -> {
            throw new FramingException(reason);
        });
    }

    /**
     * Returns a sink that passes messages, drop reports and the fatal report to the three consumers.
     *
     * @param messages receives each whole message
     * @param dropped receives the reason for each dropped message
     * @param fatal receives the reason the stream cannot be read on, at most once
     * @return the new sink
     */
    static FrameSink of(Consumer<byte[]> messages, Consumer<String> dropped, Consumer<String> fatal) {
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(dropped, "dropped");
        Objects.requireNonNull(fatal, "fatal");
        return new FrameSink() {
            @Override
            public void onMessage(byte[] message) {
                messages.accept(message);
            }

            @Override
            public void onDropped(String reason) {
                dropped.accept(reason);
            }

            @Override
            public void onFatal(String reason) {
                fatal.accept(reason);
            }
        };
    }
}
