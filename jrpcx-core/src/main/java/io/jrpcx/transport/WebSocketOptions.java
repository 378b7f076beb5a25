package io.jrpcx.transport;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable WebSocket settings ({@code ws://}, {@code wss://}). Each JSON-RPC message is one frame (text
 * when it is valid UTF-8, else binary); frames and assembled messages are limited to the framing's
 * maximum message size, and a peer that goes over it is closed with code 1009.
 *
 * <ul>
 *   <li>{@link Builder#path}: the path a server accepts upgrades on, with any query or deeper path
 *       ({@code /rpc} accepts {@code /rpc}, {@code /rpc?x=1}, {@code /rpc/a}); others get 404. The
 *       default, {@code /}, accepts every path, as aiorpcX does. A path in the listening URL
 *       ({@code ws://host:port/rpc}) takes precedence. A client takes its path from the URL.</li>
 *   <li>{@link Builder#allowedOrigins}: browsers send an {@code Origin} header and let any page open a
 *       WebSocket to any server, so a server reachable from a browser should name the origins it
 *       accepts (cross-site WebSocket hijacking); others get 403. Empty (the default) accepts every
 *       request, as non-browser clients expect.</li>
 *   <li>{@link Builder#pingInterval}: a ping is sent after this long without traffic, and a peer silent
 *       for two intervals is closed. Zero (the default) sends none; pings from the peer are always
 *       answered.</li>
 *   <li>{@link Builder#compression}: permessage-deflate, off by default; when on, a compressed message
 *       may inflate to at most the message limit, past which the connection is closed.</li>
 * </ul>
 *
 * <pre>{@code
 * WebSocketOptions ws = WebSocketOptions.builder()
 *         .path("/rpc")
 *         .allowedOrigins(Set.of("https://app.example.com"))
 *         .pingInterval(Duration.ofSeconds(20))
 *         .build();
 * }</pre>
 */
public final class WebSocketOptions {
    private static final WebSocketOptions DEFAULTS = builder().build();

    private final String path;
    private final Set<String> allowedOrigins;
    private final Duration pingInterval;
    private final boolean compression;

    private WebSocketOptions(Builder b) {
        this.path = b.path;
        this.allowedOrigins = b.allowedOrigins;
        this.pingInterval = b.pingInterval;
        this.compression = b.compression;
    }

    /**
     * Path {@code /}, any origin, no pings, no compression.
     *
     * @return the default options
     */
    public static WebSocketOptions defaults() {
        return DEFAULTS;
    }

    /** {@return a builder with the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these options} */
    public Builder toBuilder() {
        return new Builder().path(path).allowedOrigins(allowedOrigins).pingInterval(pingInterval).compression(compression);
    }

    /** {@return the path a server accepts upgrades on} */
    public String path() {
        return path;
    }

    /** {@return the origins a server accepts (lower case, as {@code scheme://host[:port]}); empty for any} */
    public Set<String> allowedOrigins() {
        return allowedOrigins;
    }

    /** {@return the idle time after which a ping is sent; zero for none} */
    public Duration pingInterval() {
        return pingInterval;
    }

    /** {@return whether permessage-deflate is offered (client) or accepted (server)} */
    public boolean compression() {
        return compression;
    }

    /** Builds {@link WebSocketOptions}. */
    public static final class Builder {
        private String path = "/";
        private Set<String> allowedOrigins = Set.of();
        private Duration pingInterval = Duration.ZERO;
        private boolean compression;

        private Builder() {
        }

        /**
         * The path a server accepts upgrades on.
         *
         * @param path the path, such as {@code /rpc}
         * @return this builder
         * @throws IllegalArgumentException unless it starts with {@code /}
         */
        public Builder path(String path) {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("a WebSocket path starts with '/': " + path);
            }
            this.path = path;
            return this;
        }

        /**
         * The origins a server accepts, such as {@code https://app.example.com}; empty for any.
         *
         * @param origins the allowed origins
         * @return this builder
         */
        public Builder allowedOrigins(Set<String> origins) {
            this.allowedOrigins = origins.stream().map(o -> o.toLowerCase(Locale.ROOT))
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
            return this;
        }

        /**
         * The idle time after which a ping is sent; zero for none.
         *
         * @param interval the idle time, zero or positive
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder pingInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("pingInterval must not be negative: " + interval);
            }
            this.pingInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /**
         * Whether permessage-deflate is offered or accepted (with inflation limited to the message limit).
         *
         * @param compression {@code true} to offer or accept it
         * @return this builder
         */
        public Builder compression(boolean compression) {
            this.compression = compression;
            return this;
        }

        /** {@return options with these settings} */
        public WebSocketOptions build() {
            return new WebSocketOptions(this);
        }
    }
}
