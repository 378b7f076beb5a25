package io.jrpcx.framing;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Receives what a {@link Framer} makes of its input: whole messages, and reports of input it dropped.
 * Not a functional interface on purpose, so that a lambda passed to {@code feed} is always the plain
 * message consumer.
 *
 * <pre>{@code
 * framer.feed(buffer, FrameSink.of(session::onMessage, reason -> session.countError(reason)));
 * }</pre>
 */
public interface FrameSink {

    /** Receives one whole message; the array is the caller's to keep. */
    void onMessage(byte[] message);

    /**
     * Reports that the framer discarded a message or other input and re-synchronised; {@code reason} is a
     * human-readable description. Called once per discarded message, as soon as the framer knows.
     */
    void onDropped(String reason);

    /** Returns a sink that passes messages to {@code messages} and ignores drop reports. */
    static FrameSink of(Consumer<byte[]> messages) {
        return of(messages, reason -> { });
    }

    /** Returns a sink that passes messages to {@code messages} and drop reports to {@code dropped}. */
    static FrameSink of(Consumer<byte[]> messages, Consumer<String> dropped) {
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(dropped, "dropped");
        return new FrameSink() {
            @Override
            public void onMessage(byte[] message) {
                messages.accept(message);
            }

            @Override
            public void onDropped(String reason) {
                dropped.accept(reason);
            }
        };
    }
}
