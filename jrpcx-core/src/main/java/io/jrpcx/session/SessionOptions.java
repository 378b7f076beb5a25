package io.jrpcx.session;

import io.jrpcx.framing.Framing;
import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings every session has, whatever it speaks: its framing, its time limits and its flow
 * control. What a JSON-RPC session adds is in {@link JsonRpcOptions}.
 *
 * <pre>{@code
 * SessionOptions options = SessionOptions.builder()
 *         .framing(Framing.newline(64 * 1024))
 *         .maxConcurrent(50)
 *         .sentRequestTimeout(Duration.ofSeconds(10))
 *         .build();
 * SessionOptions patient = options.toBuilder().processingTimeout(Duration.ofMinutes(2)).build();
 * }</pre>
 *
 * <h2>Flow control</h2>
 * Incoming requests are admitted to their handlers by a {@link Concurrency} limit, initially
 * {@link #maxConcurrent()}; requests beyond it wait in a backlog of at most {@link #maxBacklog()}, and
 * while the backlog is full the session stops reading, so a peer that pipelines without end is held back
 * by TCP itself. Sending: while the peer does not read, a sender on its own thread waits, at most
 * {@link #maxSendDelay()}, then the connection is aborted.
 */
public final class SessionOptions {
    /** The default largest message, in bytes, both ways. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 1_000_000;

    /** The framing a builder starts with; a {@link MessageSession} left with it uses Bitcoin framing instead. */
    static final Framing DEFAULT_FRAMING = Framing.newline(DEFAULT_MAX_MESSAGE_SIZE);

    private static final SessionOptions DEFAULTS = builder().build();

    private final Framing framing;
    private final Duration closeTimeout;
    private final Duration processingTimeout;
    private final Duration sentRequestTimeout;
    private final Duration maxSendDelay;
    private final int maxConcurrent;
    private final int maxBacklog;

    private SessionOptions(Builder b) {
        this.framing = b.framing;
        this.closeTimeout = b.closeTimeout;
        this.processingTimeout = b.processingTimeout;
        this.sentRequestTimeout = b.sentRequestTimeout;
        this.maxSendDelay = b.maxSendDelay;
        this.maxConcurrent = b.maxConcurrent;
        this.maxBacklog = b.maxBacklog;
    }

    /**
     * Newline framing of messages up to 1 MB; close forced after 30 s; requests processed within 30 s;
     * sent requests answered within 30 s; senders wait at most 20 s for a peer that does not read; 20
     * requests handled at once, 1,000 more waiting.
     */
    public static SessionOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .framing(framing)
                .closeTimeout(closeTimeout)
                .processingTimeout(processingTimeout)
                .sentRequestTimeout(sentRequestTimeout)
                .maxSendDelay(maxSendDelay)
                .maxConcurrent(maxConcurrent)
                .maxBacklog(maxBacklog);
    }

    /**
     * Makes the framer of each new connection. Newline framing of messages up to 1 MB unless set; a
     * {@link MessageSession} whose options leave it unset uses {@link Framing#bitcoin()} instead.
     */
    public Framing framing() {
        return framing;
    }

    /** How long a graceful close may take before the connection is aborted. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /**
     * How long a request handler (one that runs on its own thread) may take; past it the handler is
     * interrupted and the request answered with -102 {@code server busy - request timed out} (a
     * {@link MessageSession}'s message, which expects no answer, is counted as an error).
     */
    public Duration processingTimeout() {
        return processingTimeout;
    }

    /**
     * How long a sent request waits for its response when the call gives no time of its own; past it the
     * call fails with {@link RequestTimeoutException} and the request is forgotten.
     */
    public Duration sentRequestTimeout() {
        return sentRequestTimeout;
    }

    /**
     * How long a sender waits while the peer reads nothing (the connection is not writable) before the
     * connection is aborted, as aiorpcX's {@code max_send_delay}.
     */
    public Duration maxSendDelay() {
        return maxSendDelay;
    }

    /** The initial target of the session's incoming {@link Concurrency}: requests handled at once. */
    public int maxConcurrent() {
        return maxConcurrent;
    }

    /** How many admitted requests may wait for a handler before the session stops reading. */
    public int maxBacklog() {
        return maxBacklog;
    }

    @Override
    public String toString() {
        return "SessionOptions[closeTimeout=" + closeTimeout + ", processingTimeout=" + processingTimeout
                + ", sentRequestTimeout=" + sentRequestTimeout + ", maxSendDelay=" + maxSendDelay
                + ", maxConcurrent=" + maxConcurrent + ", maxBacklog=" + maxBacklog + "]";
    }

    /** Builds {@link SessionOptions}; every setting starts at its default. */
    public static final class Builder {
        private Framing framing = DEFAULT_FRAMING;
        private Duration closeTimeout = Duration.ofSeconds(30);
        private Duration processingTimeout = Duration.ofSeconds(30);
        private Duration sentRequestTimeout = Duration.ofSeconds(30);
        private Duration maxSendDelay = Duration.ofSeconds(20);
        private int maxConcurrent = 20;
        private int maxBacklog = 1_000;

        private Builder() {
        }

        public Builder framing(Framing framing) {
            this.framing = Objects.requireNonNull(framing, "framing");
            return this;
        }

        public Builder closeTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("closeTimeout must not be negative: " + timeout);
            }
            this.closeTimeout = timeout;
            return this;
        }

        public Builder processingTimeout(Duration timeout) {
            this.processingTimeout = positive(timeout, "processingTimeout");
            return this;
        }

        public Builder sentRequestTimeout(Duration timeout) {
            this.sentRequestTimeout = positive(timeout, "sentRequestTimeout");
            return this;
        }

        public Builder maxSendDelay(Duration delay) {
            this.maxSendDelay = positive(delay, "maxSendDelay");
            return this;
        }

        public Builder maxConcurrent(int requests) {
            if (requests < 1) {
                throw new IllegalArgumentException("maxConcurrent must be at least 1: " + requests);
            }
            this.maxConcurrent = requests;
            return this;
        }

        public Builder maxBacklog(int requests) {
            if (requests < 1) {
                throw new IllegalArgumentException("maxBacklog must be at least 1: " + requests);
            }
            this.maxBacklog = requests;
            return this;
        }

        static Duration positive(Duration timeout, String what) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + timeout);
            }
            return timeout;
        }

        public SessionOptions build() {
            return new SessionOptions(this);
        }
    }
}
