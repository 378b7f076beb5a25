package io.jrpcx.session;

/**
 * Immutable settings a {@link MessageSession} adds to the {@link SessionOptions} every session has.
 *
 * <pre>{@code
 * MessageOptions inOrder = MessageOptions.builder().ordered(true).build();
 * MessageServer server = MessageServer.builder()
 *         .listen("tcp://127.0.0.1:0")
 *         .messageOptions(inOrder)
 *         .handler((session, message) -> apply(message))   // one at a time, in arrival order
 *         .start();
 * }</pre>
 */
public final class MessageOptions {
    private static final MessageOptions DEFAULTS = builder().build();

    private final boolean ordered;

    private MessageOptions(Builder b) {
        this.ordered = b.ordered;
    }

    /**
     * Messages handled concurrently, as aiorpcX does.
     *
     * @return the default options
     */
    public static MessageOptions defaults() {
        return DEFAULTS;
    }

    /** {@return a builder with the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these options} */
    public Builder toBuilder() {
        return new Builder().ordered(ordered);
    }

    /**
     * True when a session's messages are handled one at a time, in the order they arrived: each handler
     * starts once the one before it has returned (or thrown, or run out of time). False (the default,
     * aiorpcX's way) when they are handled concurrently, up to the session's {@link Concurrency}.
     *
     * @return whether messages are handled in order
     */
    public boolean ordered() {
        return ordered;
    }

    @Override
    public String toString() {
        return "MessageOptions[ordered=" + ordered + "]";
    }

    /** Builds {@link MessageOptions}; every setting starts at its default. */
    public static final class Builder {
        private boolean ordered;

        private Builder() {
        }

        /**
         * See {@link MessageOptions#ordered()}.
         *
         * @param ordered {@code true} to handle a session's messages one at a time, in order
         * @return this builder
         */
        public Builder ordered(boolean ordered) {
            this.ordered = ordered;
            return this;
        }

        /** {@return options with these settings} */
        public MessageOptions build() {
            return new MessageOptions(this);
        }
    }
}
