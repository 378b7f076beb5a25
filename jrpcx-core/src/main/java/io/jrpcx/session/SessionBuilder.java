package io.jrpcx.session;

import io.jrpcx.transport.TlsOptions;
import io.jrpcx.transport.TransportOptions;
import io.jrpcx.transport.WebSocketOptions;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.Objects;

/**
 * What every builder of clients and servers sets, whatever its kind of session: the session settings,
 * the listener of session events, and the transport settings (TLS, WebSocket, negotiation time, event
 * loops). Each setter returns the concrete builder, so a chain goes on with that builder's own setters.
 *
 * <pre>{@code
 * SessionOptions quick = SessionOptions.builder().closeTimeout(Duration.ofSeconds(5)).build();
 * RpcClient rpc = RpcClient.builder().options(quick).handshakeTimeout(Duration.ofSeconds(3)).build();
 * MessageClient messages = MessageClient.builder().options(quick).handshakeTimeout(Duration.ofSeconds(3)).build();
 * }</pre>
 *
 * @param <B> the concrete builder
 */
public abstract sealed class SessionBuilder<B extends SessionBuilder<B>> permits ClientBuilder, ServerBuilder {
    private SessionOptions options = SessionOptions.defaults();
    private SessionListener listener = SessionListener.NONE;
    private final TransportOptions.Builder transport = TransportOptions.builder();

    SessionBuilder() {
    }

    /** This builder as its concrete type: every permitted subclass is its own {@code B}. */
    @SuppressWarnings("unchecked")
    final B self() {
        return (B) this;
    }

    final SessionOptions sessionOptions() {
        return options;
    }

    final SessionListener sessionListener() {
        return listener;
    }

    final TransportOptions.Builder transport() {
        return transport;
    }

    /**
     * What every session has: framing, time limits, flow control. Each kind of session has its own
     * default framing: newline framing for JSON-RPC sessions, Bitcoin framing with aiorpcX's defaults for
     * message sessions (whose framing, when set, must make {@link io.jrpcx.framing.BinaryFramer}s).
     *
     * @param options the session settings
     * @return this builder
     */
    public B options(SessionOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        return self();
    }

    /**
     * Hears each session's events.
     *
     * @param listener the listener, called on I/O threads; it must not block
     * @return this builder
     */
    public B listener(SessionListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return self();
    }

    /**
     * How long each negotiation of a connection (a client's SOCKS proxy, TLS, WebSocket) may take.
     *
     * @param timeout the time limit, positive
     * @return this builder
     */
    public B handshakeTimeout(Duration timeout) {
        transport.handshakeTimeout(timeout);
        return self();
    }

    /**
     * Runs connections on {@code group} instead of the shared event loops; the caller shuts it down.
     *
     * @param group the event loops to use
     * @return this builder
     */
    public B eventLoops(EventLoopGroup group) {
        transport.eventLoops(group);
        return self();
    }

    /**
     * TLS settings for {@code tls://}, {@code ssl://} and {@code wss://}: for a server its certificate
     * chain and key; for a client what it trusts (default: verify chain and host name).
     *
     * @param tls the settings
     * @return this builder
     */
    public B tls(TlsOptions tls) {
        transport.tls(tls);
        return self();
    }

    /**
     * WebSocket settings for {@code ws://} and {@code wss://}: path, allowed origins (servers), pings.
     *
     * @param webSocket the settings
     * @return this builder
     */
    public B webSocket(WebSocketOptions webSocket) {
        transport.webSocket(webSocket);
        return self();
    }
}
