package io.jrpcx.session;

import io.jrpcx.concurrent.TaskTimeoutException;
import io.jrpcx.concurrent.Timeouts;
import io.jrpcx.framing.BinaryFramer;
import io.jrpcx.framing.BinaryMessage;
import io.jrpcx.framing.Framer;
import io.jrpcx.framing.Framing;
import io.jrpcx.jsonrpc.RpcCallException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session for protocols whose messages carry no id and expect no response, such as Bitcoin's
 * peer-to-peer protocol: aiorpcX's {@code MessageSession}. Each message is a command and a payload
 * ({@link BinaryMessage}), framed by a {@link BinaryFramer}; by default {@link Framing#bitcoin()}
 * (aiorpcX's magic and limits), or whatever {@link SessionOptions#framing()} says.
 *
 * <p>Each incoming message is handled by the session's {@link MessageHandler} on its own virtual thread,
 * admitted as requests are: by the session's {@link Concurrency}, with a bounded backlog that stops
 * reading while it is full, within {@link SessionOptions#processingTimeout()} (then the handler is
 * interrupted and an error counted), reported to the {@link SessionListener} as dispatched and finished.
 * Messages are handled concurrently, as aiorpcX does, unless {@link MessageOptions#ordered()} asks for
 * one at a time in arrival order.
 *
 * <p>Bad input, as aiorpcX: a message whose checksum does not match is dropped and counted as an error,
 * and the connection goes on; a header with another network's magic, or a payload over the framing's
 * limit, ends reading: messages already received are still handled, then the connection closes.
 *
 * <pre>{@code
 * MessageClient client = MessageClient.builder()
 *         .options(SessionOptions.builder().framing(Framing.bitcoin(BitcoinFramer.MAINNET)).build())
 *         .handler((session, message) -> seen.add(message.command()))
 *         .build();
 * try (MessageSession session = client.connect("tcp://127.0.0.1:8333")) {
 *     session.sendMessage("version", versionPayload);
 *     session.sendMessage(new BinaryMessage("ping", nonce));
 * }
 * }</pre>
 */
public final class MessageSession extends Session {
    private static final Logger LOG = LoggerFactory.getLogger(MessageSession.class);

    private final MessageHandler handler;
    /** Converts between message bytes and {@link BinaryMessage}s; its stream state is never used. */
    private final BinaryFramer codec;
    private final boolean ordered;
    /** Ordered mode: completes when the handler of the last message dispatched is done; I/O thread only. */
    private CompletableFuture<Void> lastInOrder = CompletableFuture.completedFuture(null);

    /**
     * A session not yet connected: give its {@link #transportListener()} to a transport that frames with
     * {@link #framing(SessionOptions)}. Servers and clients call this for you.
     *
     * @param options the session settings
     * @param messageOptions the message settings
     * @param handler what handles the peer's messages
     * @param listener hears the session's events
     * @return a session not yet connected
     * @throws IllegalArgumentException if the options' framing does not make {@link BinaryFramer}s
     */
    public static MessageSession create(SessionOptions options, MessageOptions messageOptions, MessageHandler handler,
                                        SessionListener listener) {
        return new MessageSession(options, messageOptions, codec(framing(options)), handler, listener);
    }

    MessageSession(SessionOptions options, MessageOptions messageOptions, BinaryFramer codec, MessageHandler handler,
                   SessionListener listener) {
        super(options, listener);
        this.handler = handler;
        this.codec = codec;
        this.ordered = messageOptions.ordered();
    }

    /**
     * The framing a message session with these options uses: {@link SessionOptions#framing()} if it was
     * set, else {@link Framing#bitcoin()}.
     *
     * @param options the session settings
     * @return the framing
     */
    public static Framing framing(SessionOptions options) {
        return options.framing() == SessionOptions.DEFAULT_FRAMING ? Framing.bitcoin() : options.framing();
    }

    /** One framer of {@code framing}, checked to be a {@link BinaryFramer}, to convert messages with. */
    static BinaryFramer codec(Framing framing) {
        Framer framer = framing.newFramer();
        if (framer instanceof BinaryFramer binary) {
            return binary;
        }
        throw new IllegalArgumentException("a message session needs a framing of commands and payloads, whose"
                + " framers are BinaryFramers (such as Framing.bitcoin()), not " + framer.getClass().getName());
    }

    /** {@return true when this session handles its messages one at a time, in arrival order} */
    public boolean isOrdered() {
        return ordered;
    }

    // ---- sending ----

    /**
     * Sends one message, aiorpcX's {@code send_message}. On a thread of its own the caller waits while
     * the peer does not read, at most {@link SessionOptions#maxSendDelay()}; then the connection is
     * aborted. On an I/O thread it never waits.
     *
     * @param command the command, at most the framing's command size in one-byte characters
     * @param payload the payload bytes, possibly empty
     * @throws ConnectionLostException when the connection has closed
     * @throws CallRefusedException when the framing cannot carry the message (a command longer than its
     *     field, such as 12 bytes for Bitcoin, or with a character above U+00FF)
     * @throws CallCancelledException when the calling thread is interrupted while it waits
     */
    public void sendMessage(String command, byte[] payload) {
        byte[] message;
        try {
            message = codec.message(command, payload);
        } catch (IllegalArgumentException e) {
            throw new CallRefusedException("cannot send on " + this + ": " + e.getMessage(), e);
        }
        if (isClosed()) {
            throw connectionLost();
        }
        sendMessage(message);
    }

    /**
     * Sends one message; see {@link #sendMessage(String, byte[])}.
     *
     * @param message the command and payload
     */
    public void sendMessage(BinaryMessage message) {
        sendMessage(message.command(), message.payload());
    }

    // ---- receiving ----

    @Override
    void messageReceived(byte[] bytes) {
        if (isOverHardLimit()) {
            closeForExcessiveCost();   // aiorpcX closes a message session at its hard limit; there is nothing to answer
            return;
        }
        BinaryMessage message = codec.parse(bytes);
        if (!ordered) {
            dispatch(() -> {
                if (!isClosed()) {
                    handle(message);
                }
            });
            return;
        }
        // each handler waits for the one before it; admission is in arrival order, so the one before
        // always holds its admission first and no handler waits on one that cannot start
        CompletableFuture<Void> before = lastInOrder;
        CompletableFuture<Void> done = new CompletableFuture<>();
        lastInOrder = done;
        dispatch(() -> {
            try {
                before.get();
                if (!isClosed()) {
                    handle(message);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();   // the session is closing
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);   // never: the future is only completed normally
            } finally {
                done.complete(null);
            }
        });
    }

    private void handle(BinaryMessage message) {
        long start = System.nanoTime();
        @Nullable Throwable failure = null;
        events().requestDispatched(this, message);
        countHandled();
        Duration limit = options().processingTimeout();
        try {
            Timeouts.timeoutAfter(limit, () -> {
                handler.handle(this, message);
                return null;
            });
        } catch (TaskTimeoutException e) {
            failure = e;
            countError();
            LOG.info("{}: handling {} timed out after {}", this, message, Durations.describe(limit));
            events().requestTimedOut(this, message, limit);
        } catch (Exception e) {
            failure = e;
            if (!isClosed()) {
                countError();
                if (e instanceof RpcCallException) {
                    LOG.debug("{}: handler for {} failed: {}", this, message, e.toString());
                } else {
                    LOG.warn("{}: exception handling {}", this, message, e);
                }
            }
        } finally {
            events().requestFinished(this, message, Duration.ofNanos(System.nanoTime() - start), failure);
        }
    }

    @Override
    void connectionLost(ConnectionLostException failure) {
        // nothing is pending: messages expect no answer
    }
}
