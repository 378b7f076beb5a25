package io.jrpcx.transport;

import io.jrpcx.framing.Framing;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Immutable settings of a session over standard input and output ({@link StdioTransport}): the framing,
 * Content-Length (the Language Server Protocol's base protocol) by default and newline selectable; and,
 * for a child process, where its stderr goes and how long it may take to exit once its stdin is closed.
 *
 * <pre>{@code
 * StdioOptions options = StdioOptions.builder()
 *         .framing(Framing.newline())                 // instead of Content-Length
 *         .stderr(line -> log.warn("server: {}", line))
 *         .exitTimeout(Duration.ofSeconds(5))
 *         .build();
 * }</pre>
 */
public final class StdioOptions {
    private static final StdioOptions DEFAULTS = builder().build();

    private final Framing framing;
    private final Duration exitTimeout;
    private final @Nullable Consumer<String> stderr;
    private final boolean guardStdout;

    private StdioOptions(Builder b) {
        this.framing = b.framing;
        this.exitTimeout = b.exitTimeout;
        this.stderr = b.stderr;
        this.guardStdout = b.guardStdout;
    }

    /**
     * {@return the defaults: Content-Length framing, 2 s for a child to exit, its stderr logged,
     * {@code System.out} guarded}
     */
    public static StdioOptions defaults() {
        return DEFAULTS;
    }

    /** {@return a builder with the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these options} */
    public Builder toBuilder() {
        Builder b = new Builder().framing(framing).exitTimeout(exitTimeout).guardStdout(guardStdout);
        b.stderr = stderr;
        return b;
    }

    /** {@return the framing of both directions: {@link Framing#contentLength()} by default} */
    public Framing framing() {
        return framing;
    }

    /** {@return how long a child process may take to exit after its stdin is closed before it is destroyed} */
    public Duration exitTimeout() {
        return exitTimeout;
    }

    /**
     * {@return what receives each line a child process writes to its stderr; empty to log them (at INFO,
     * logger {@code io.jrpcx.transport.StdioTransport})}
     */
    public java.util.Optional<Consumer<String>> stderr() {
        return java.util.Optional.ofNullable(stderr);
    }

    /**
     * {@return whether serving over this process's own stdout points {@code System.out} at stderr while
     * the session runs, so no stray {@code println} can corrupt the stream (default true)}
     */
    public boolean guardStdout() {
        return guardStdout;
    }

    @Override
    public String toString() {
        return "StdioOptions[exitTimeout=" + exitTimeout + ", guardStdout=" + guardStdout + "]";
    }

    /** Builds {@link StdioOptions}; every setting starts at its default. */
    public static final class Builder {
        private Framing framing = Framing.contentLength();
        private Duration exitTimeout = Duration.ofSeconds(2);
        private @Nullable Consumer<String> stderr;
        private boolean guardStdout = true;

        private Builder() {
        }

        /**
         * Sets the framing of both directions.
         *
         * @param framing Content-Length (the default) or newline, for example
         * @return this builder
         */
        public Builder framing(Framing framing) {
            this.framing = Objects.requireNonNull(framing, "framing");
            return this;
        }

        /**
         * Sets how long a child process may take to exit after its stdin is closed; then it is destroyed.
         *
         * @param timeout the time allowed, zero or more (2 s by default)
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is negative
         */
        public Builder exitTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("exitTimeout must not be negative: " + timeout);
            }
            this.exitTimeout = timeout;
            return this;
        }

        /**
         * Sets what receives each line a child process writes to its stderr, instead of the log.
         *
         * @param lines called on a thread of its own with each line, without its line break
         * @return this builder
         */
        public Builder stderr(Consumer<String> lines) {
            this.stderr = Objects.requireNonNull(lines, "lines");
            return this;
        }

        /**
         * Sets whether {@code System.out} points at stderr while a session serves over this process's stdout.
         *
         * @param guard true (the default) to guard the stream
         * @return this builder
         */
        public Builder guardStdout(boolean guard) {
            this.guardStdout = guard;
            return this;
        }

        /** {@return the options} */
        public StdioOptions build() {
            return new StdioOptions(this);
        }
    }
}
