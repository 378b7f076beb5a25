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
 * by TCP itself; the same happens once the requests handed to handlers hold {@link #maxBacklogBytes()} of
 * messages. Sending: while the peer does not read, a sender on its own thread waits, at most
 * {@link #maxSendDelay()}; a peer that reads nothing that long is cut off, whether or not a sender waits.
 *
 * <h2>Cost</h2>
 * What a session costs its server is accounted as aiorpcX does it ({@link #costPerByte()},
 * {@link #errorCost()}, {@link #costDecayPerSecond()}), plus the I/O time of large messages
 * ({@link #costPerIoSecond()}); past {@link #costSoftLimit()} requests are delayed up to
 * {@link #costSleep()} and fewer run at once, at {@link #costHardLimit()} the session is answered -101 and
 * closed. See {@link SessionCost}.
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
    private final long maxBacklogBytes;
    private final double costSoftLimit;
    private final double costHardLimit;
    private final boolean costHardLimitGiven;
    private final double costDecayPerSecond;
    private final Duration costSleep;
    private final double costPerByte;
    private final double errorCost;
    private final double costPerIoSecond;
    private final Duration targetResponseTime;
    private final int maxPendingRequests;
    private final Duration idleTimeout;

    private SessionOptions(Builder b) {
        this.framing = b.framing;
        this.closeTimeout = b.closeTimeout;
        this.processingTimeout = b.processingTimeout;
        this.sentRequestTimeout = b.sentRequestTimeout;
        this.maxSendDelay = b.maxSendDelay;
        this.maxConcurrent = b.maxConcurrent;
        this.maxBacklog = b.maxBacklog;
        this.maxBacklogBytes = b.maxBacklogBytes;
        this.costSoftLimit = b.costSoftLimit;
        this.costHardLimit = b.costHardLimit;
        this.costHardLimitGiven = b.costHardLimitGiven;
        this.costDecayPerSecond = b.costDecayPerSecond;
        this.costSleep = b.costSleep;
        this.costPerByte = b.costPerByte;
        this.errorCost = b.errorCost;
        this.costPerIoSecond = b.costPerIoSecond;
        this.targetResponseTime = b.targetResponseTime;
        this.maxPendingRequests = b.maxPendingRequests;
        this.idleTimeout = b.idleTimeout;
    }

    /**
     * Newline framing of messages up to 1 MB; close forced after 30 s; requests processed within 30 s;
     * sent requests answered within 30 s; senders wait at most 20 s for a peer that does not read; 20
     * requests handled at once, 1,000 more (4 MB of messages) waiting; costs as aiorpcX's (soft 2,000, hard
     * 10,000 for servers, decay 10,000 an hour, sleep 2 s, error 100, a byte 0.000001); 10,000 requests
     * awaiting answers; no idle timeout.
     *
     * @return the default options
     */
    public static SessionOptions defaults() {
        return DEFAULTS;
    }

    /** {@return a builder with the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these options} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b
                .framing(framing)
                .closeTimeout(closeTimeout)
                .processingTimeout(processingTimeout)
                .sentRequestTimeout(sentRequestTimeout)
                .maxSendDelay(maxSendDelay)
                .maxConcurrent(maxConcurrent)
                .maxBacklog(maxBacklog)
                .maxBacklogBytes(maxBacklogBytes)
                .costSoftLimit(costSoftLimit)
                .costDecayPerSecond(costDecayPerSecond)
                .costSleep(costSleep)
                .costPerByte(costPerByte)
                .errorCost(errorCost)
                .costPerIoSecond(costPerIoSecond)
                .targetResponseTime(targetResponseTime)
                .maxPendingRequests(maxPendingRequests)
                .idleTimeout(idleTimeout);
        if (costHardLimitGiven) {
            b.costHardLimit(costHardLimit);
        }
        return b;
    }

    /**
     * Makes the framer of each new connection. Newline framing of messages up to 1 MB unless set; a
     * {@link MessageSession} whose options leave it unset uses {@link Framing#bitcoin()} instead.
     *
     * @return the framing
     */
    public Framing framing() {
        return framing;
    }

    /** {@return how long a graceful close may take before the connection is aborted} */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /**
     * How long a request handler (one that runs on its own thread) may take; past it the handler is
     * interrupted and the request answered with -102 {@code server busy - request timed out} (a
     * {@link MessageSession}'s message, which expects no answer, is counted as an error).
     *
     * @return the time limit
     */
    public Duration processingTimeout() {
        return processingTimeout;
    }

    /**
     * How long a sent request waits for its response when the call gives no time of its own; past it the
     * call fails with {@link RequestTimeoutException} and the request is forgotten.
     *
     * @return the time limit
     */
    public Duration sentRequestTimeout() {
        return sentRequestTimeout;
    }

    /**
     * How long a sender waits while the peer reads nothing (the connection is not writable) before the
     * connection is aborted, as aiorpcX's {@code max_send_delay}.
     *
     * @return the time limit
     */
    public Duration maxSendDelay() {
        return maxSendDelay;
    }

    /**
     * {@return the initial target of the session's incoming {@link Concurrency}: requests handled at once}
     */
    public int maxConcurrent() {
        return maxConcurrent;
    }

    /** {@return how many admitted requests may wait for a handler before the session stops reading} */
    public int maxBacklog() {
        return maxBacklog;
    }

    /**
     * How many bytes of messages the requests handed to handler threads, running or waiting, may hold
     * before the session stops reading (default 4 MB): parsed requests take several times their size, so
     * the count alone does not bound their memory.
     *
     * @return the limit in bytes
     */
    public long maxBacklogBytes() {
        return maxBacklogBytes;
    }

    /**
     * Past this cost incoming requests are delayed and fewer run at once (default 2,000).
     *
     * @return the soft limit
     */
    public double costSoftLimit() {
        return costSoftLimit;
    }

    /**
     * At this cost the next request is answered -101 and the session closes (default 10,000 for a
     * server's sessions, none (0) for a client's unless set).
     *
     * @return the hard limit, or 0 for none
     */
    public double costHardLimit() {
        return costHardLimit;
    }

    /** The hard limit of a client's ({@code client}) or a server's session. */
    double costHardLimit(boolean client) {
        return client && !costHardLimitGiven ? 0 : costHardLimit;
    }

    /** {@return how much cost decays each second (default 10,000 / 3,600, about 2.78)} */
    public double costDecayPerSecond() {
        return costDecayPerSecond;
    }

    /** {@return the delay of a request at the hard limit; it grows from 0 at the soft limit (default 2 s)} */
    public Duration costSleep() {
        return costSleep;
    }

    /**
     * The cost of each byte received or sent (default 0.000001: 100 per 100 MB). aiorpcX charges ten times
     * that ({@code costPerByte(1e-5)}); jrpcx moves bytes fifty to a hundred times faster, and at aiorpcX's
     * figure one honest connection at full speed (75 MB/s of batches on this machine) reaches the soft
     * limit in under three seconds; at this one it takes about half a minute of sustained full speed.
     *
     * @return the cost of a byte
     */
    public double costPerByte() {
        return costPerByte;
    }

    /** {@return the base cost of an error (default 100); a message that is not JSON costs eleven times it} */
    public double errorCost() {
        return errorCost;
    }

    /**
     * The cost of a second of I/O-thread time spent on one large message (8 KB or more), reading it and,
     * for an inline method, answering it (default 20,000: a message that takes 5 ms costs 100, as 10 MB of
     * traffic does). Not in aiorpcX; 0 turns it off.
     *
     * @return the cost of an I/O-thread second, or 0 for none
     */
    public double costPerIoSecond() {
        return costPerIoSecond;
    }

    /**
     * The response time that the concurrency of blocking outgoing requests adapts to, as aiorpcX's
     * {@code target_response_time} (default 3 s): starting at 50 at once, it moves between 1 and 250.
     *
     * @return the target response time
     */
    public Duration targetResponseTime() {
        return targetResponseTime;
    }

    /**
     * The most sent requests and batches that may await answers at once (default 10,000); one more is
     * refused at once with {@link CallRefusedException}.
     *
     * @return the limit
     */
    public int maxPendingRequests() {
        return maxPendingRequests;
    }

    /** {@return how long a session may receive nothing before it is closed; zero (the default) for never} */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    @Override
    public String toString() {
        return "SessionOptions[closeTimeout=" + closeTimeout + ", processingTimeout=" + processingTimeout
                + ", sentRequestTimeout=" + sentRequestTimeout + ", maxSendDelay=" + maxSendDelay
                + ", maxConcurrent=" + maxConcurrent + ", maxBacklog=" + maxBacklog + ", maxBacklogBytes=" + maxBacklogBytes
                + ", costSoftLimit=" + costSoftLimit + ", costHardLimit=" + costHardLimit
                + ", costDecayPerSecond=" + costDecayPerSecond + ", costSleep=" + costSleep
                + ", costPerByte=" + costPerByte + ", errorCost=" + errorCost + ", costPerIoSecond=" + costPerIoSecond
                + ", targetResponseTime=" + targetResponseTime + ", maxPendingRequests=" + maxPendingRequests
                + ", idleTimeout=" + idleTimeout + "]";
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
        private long maxBacklogBytes = 4L << 20;
        private double costSoftLimit = 2_000;
        private double costHardLimit = 10_000;
        private boolean costHardLimitGiven;
        private double costDecayPerSecond = 10_000.0 / 3_600;
        private Duration costSleep = Duration.ofSeconds(2);
        private double costPerByte = 1e-6;
        private double errorCost = 100;
        private double costPerIoSecond = 20_000;
        private Duration targetResponseTime = Duration.ofSeconds(3);
        private int maxPendingRequests = 10_000;
        private Duration idleTimeout = Duration.ZERO;

        private Builder() {
        }

        /**
         * See {@link SessionOptions#maxBacklogBytes()}; 4 MB by default.
         *
         * @param bytes the limit in bytes, at least 1
         * @return this builder
         */
        public Builder maxBacklogBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxBacklogBytes must be at least 1: " + bytes);
            }
            this.maxBacklogBytes = bytes;
            return this;
        }

        /**
         * See {@link SessionOptions#costSoftLimit()}; 2,000 by default.
         *
         * @param cost the soft limit, finite and not negative
         * @return this builder
         */
        public Builder costSoftLimit(double cost) {
            this.costSoftLimit = nonNegative(cost, "costSoftLimit");
            return this;
        }

        /**
         * The hard limit; 0 for none. Setting it applies to client sessions too.
         *
         * @param cost the hard limit, finite and not negative
         * @return this builder
         */
        public Builder costHardLimit(double cost) {
            this.costHardLimit = nonNegative(cost, "costHardLimit");
            this.costHardLimitGiven = true;
            return this;
        }

        /**
         * See {@link SessionOptions#costDecayPerSecond()}; 10,000 an hour by default.
         *
         * @param cost the cost taken off each second, finite and not negative
         * @return this builder
         */
        public Builder costDecayPerSecond(double cost) {
            this.costDecayPerSecond = nonNegative(cost, "costDecayPerSecond");
            return this;
        }

        /**
         * See {@link SessionOptions#costSleep()}; 2 seconds by default.
         *
         * @param sleep the delay at the hard limit, not negative
         * @return this builder
         */
        public Builder costSleep(Duration sleep) {
            if (sleep.isNegative()) {
                throw new IllegalArgumentException("costSleep must not be negative: " + sleep);
            }
            this.costSleep = sleep;
            return this;
        }

        /**
         * See {@link SessionOptions#costPerByte()}; 0.000001 by default.
         *
         * @param cost the cost of a byte, finite and not negative
         * @return this builder
         */
        public Builder costPerByte(double cost) {
            this.costPerByte = nonNegative(cost, "costPerByte");
            return this;
        }

        /**
         * See {@link SessionOptions#errorCost()}; 100 by default.
         *
         * @param cost the base cost of an error, finite and not negative
         * @return this builder
         */
        public Builder errorCost(double cost) {
            this.errorCost = nonNegative(cost, "errorCost");
            return this;
        }

        /**
         * See {@link SessionOptions#costPerIoSecond()}; 20,000 by default.
         *
         * @param cost the cost of an I/O-thread second, finite and not negative; 0 turns it off
         * @return this builder
         */
        public Builder costPerIoSecond(double cost) {
            this.costPerIoSecond = nonNegative(cost, "costPerIoSecond");
            return this;
        }

        /**
         * See {@link SessionOptions#targetResponseTime()}; 3 seconds by default.
         *
         * @param time the target, positive
         * @return this builder
         */
        public Builder targetResponseTime(Duration time) {
            this.targetResponseTime = positive(time, "targetResponseTime");
            return this;
        }

        /**
         * See {@link SessionOptions#maxPendingRequests()}; 10,000 by default.
         *
         * @param requests the limit, at least 1
         * @return this builder
         */
        public Builder maxPendingRequests(int requests) {
            if (requests < 1) {
                throw new IllegalArgumentException("maxPendingRequests must be at least 1: " + requests);
            }
            this.maxPendingRequests = requests;
            return this;
        }

        /**
         * Closes a session that receives nothing for {@code timeout}; zero for never.
         *
         * @param timeout the idle time, not negative
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("idleTimeout must not be negative: " + timeout);
            }
            this.idleTimeout = timeout;
            return this;
        }

        private static double nonNegative(double value, String what) {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException(what + " must be a finite non-negative number: " + value);
            }
            return value;
        }

        /**
         * See {@link SessionOptions#framing()}; newline framing of messages up to 1 MB by default.
         *
         * @param framing the framing
         * @return this builder
         */
        public Builder framing(Framing framing) {
            this.framing = Objects.requireNonNull(framing, "framing");
            return this;
        }

        /**
         * See {@link SessionOptions#closeTimeout()}; 30 seconds by default.
         *
         * @param timeout the time limit, not negative
         * @return this builder
         */
        public Builder closeTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("closeTimeout must not be negative: " + timeout);
            }
            this.closeTimeout = timeout;
            return this;
        }

        /**
         * See {@link SessionOptions#processingTimeout()}; 30 seconds by default.
         *
         * @param timeout the time limit, positive
         * @return this builder
         */
        public Builder processingTimeout(Duration timeout) {
            this.processingTimeout = positive(timeout, "processingTimeout");
            return this;
        }

        /**
         * See {@link SessionOptions#sentRequestTimeout()}; 30 seconds by default.
         *
         * @param timeout the time limit, positive
         * @return this builder
         */
        public Builder sentRequestTimeout(Duration timeout) {
            this.sentRequestTimeout = positive(timeout, "sentRequestTimeout");
            return this;
        }

        /**
         * See {@link SessionOptions#maxSendDelay()}; 20 seconds by default.
         *
         * @param delay the time limit, positive
         * @return this builder
         */
        public Builder maxSendDelay(Duration delay) {
            this.maxSendDelay = positive(delay, "maxSendDelay");
            return this;
        }

        /**
         * See {@link SessionOptions#maxConcurrent()}; 20 by default.
         *
         * @param requests how many requests are handled at once, at least 1
         * @return this builder
         */
        public Builder maxConcurrent(int requests) {
            if (requests < 1) {
                throw new IllegalArgumentException("maxConcurrent must be at least 1: " + requests);
            }
            this.maxConcurrent = requests;
            return this;
        }

        /**
         * See {@link SessionOptions#maxBacklog()}; 1,000 by default.
         *
         * @param requests how many requests may wait, at least 1
         * @return this builder
         */
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

        /** {@return options with these settings} */
        public SessionOptions build() {
            return new SessionOptions(this);
        }
    }
}
