package io.jrpcx.session;

import io.jrpcx.framing.BinaryFramer;
import io.jrpcx.framing.Framing;
import io.jrpcx.net.Service;
import io.jrpcx.transport.TransportOptions;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A server of {@link MessageSession}s, as {@link RpcServer} is of JSON-RPC sessions: listens on one or
 * more URLs ({@code tcp://host:port}, port 0 for any free port) and runs a message session for each
 * connection it accepts, framed by {@link SessionOptions#framing()} if set, else by Bitcoin framing with
 * aiorpcX's defaults.
 *
 * <pre>{@code
 * MessageServer server = MessageServer.builder()
 *         .listen("tcp://127.0.0.1:0")
 *         .options(SessionOptions.builder().framing(Framing.bitcoin(BitcoinFramer.MAINNET)).build())
 *         .handler((session, message) -> {
 *             if (message.command().equals("ping")) {
 *                 session.sendMessage("pong", message.payload());
 *             }
 *         })
 *         .start();
 * System.out.println("listening on " + server.services());   // [tcp://127.0.0.1:40123]
 * server.close();
 * }</pre>
 */
public final class MessageServer implements AutoCloseable {
    private final SessionServer<MessageSession> core;

    private MessageServer(SessionServer<MessageSession> core) {
        this.core = core;
    }

    /** {@return a builder with the defaults: Bitcoin framing, messages ignored} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return what the server listens on, in the order given, with real port numbers: {@code
     * tcp://127.0.0.1:40123}}
     */
    public List<Service> services() {
        return core.services();
    }

    /** {@return the sessions open now} */
    public Set<MessageSession> sessions() {
        return core.sessions();
    }

    /** {@return the connections accepted and not yet closed, including those still negotiating} */
    public int connections() {
        return core.connections();
    }

    /**
     * Stops listening, then closes every connection, forcing those not closed after {@code forceAfter};
     * running handlers are interrupted. Returns when all are closed.
     *
     * @param forceAfter how long sessions may take to close gracefully
     */
    public void close(Duration forceAfter) {
        core.close(forceAfter);
    }

    /** Stops listening and closes every session, forced after the sessions' close timeout. */
    @Override
    public void close() {
        close(core.closeTimeout());
    }

    /** Builds and starts a {@link MessageServer}. */
    public static final class Builder {
        private final List<Service> services = new ArrayList<>();
        private SessionOptions options = SessionOptions.defaults();
        private MessageOptions messageOptions = MessageOptions.defaults();
        private MessageHandler handler = MessageHandler.none();
        private SessionListener listener = SessionListener.NONE;
        private Consumer<? super MessageSession> onOpen = s -> { };
        private Consumer<? super MessageSession> onClose = s -> { };
        private final TransportOptions.Builder transport = TransportOptions.builder();

        private Builder() {
        }

        /**
         * Adds a URL to listen on, such as {@code tcp://127.0.0.1:8333} (port 0 picks a free port).
         *
         * @param url the URL to listen on
         * @return this builder
         * @throws io.jrpcx.net.AddressException when it is not a valid URL
         */
        public Builder listen(String url) {
            return listen(Service.parseListening(url));
        }

        /**
         * Adds a service to listen on.
         *
         * @param service the service to listen on
         * @return this builder
         * @throws IllegalArgumentException for {@code http://} or {@code https://}: HTTP answers each POST
         *     with one reply, which JSON-RPC sessions know how to give and message sessions do not
         */
        public Builder listen(Service service) {
            if (service.isHttp()) {
                throw new IllegalArgumentException("message sessions cannot run over HTTP (" + service
                        + "): it carries JSON-RPC sessions only");
            }
            services.add(Objects.requireNonNull(service, "service"));
            return this;
        }

        /**
         * What every session has: framing (Bitcoin framing unless set; it must make
         * {@link BinaryFramer}s), time limits, flow control.
         *
         * @param options the session settings
         * @return this builder
         */
        public Builder options(SessionOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * What a message session adds: whether messages are handled in order.
         *
         * @param messageOptions the message settings
         * @return this builder
         */
        public Builder messageOptions(MessageOptions messageOptions) {
            this.messageOptions = Objects.requireNonNull(messageOptions, "messageOptions");
            return this;
        }

        /**
         * What handles incoming messages (by default, nothing: they are ignored).
         *
         * @param handler what handles the clients' messages
         * @return this builder
         */
        public Builder handler(MessageHandler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Hears each session's events.
         *
         * @param listener the listener, called on I/O threads; it must not block
         * @return this builder
         */
        public Builder listener(SessionListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Runs on the I/O thread when a session opens; must not block.
         *
         * @param onOpen the action, given the new session
         * @return this builder
         */
        public Builder onOpen(Consumer<? super MessageSession> onOpen) {
            this.onOpen = Objects.requireNonNull(onOpen, "onOpen");
            return this;
        }

        /**
         * Runs on the I/O thread when a session closes; must not block.
         *
         * @param onClose the action, given the closed session
         * @return this builder
         */
        public Builder onClose(Consumer<? super MessageSession> onClose) {
            this.onClose = Objects.requireNonNull(onClose, "onClose");
            return this;
        }

        /**
         * How long each negotiation of an accepted connection (TLS, WebSocket) may take.
         *
         * @param timeout the time limit, positive
         * @return this builder
         */
        public Builder handshakeTimeout(Duration timeout) {
            transport.handshakeTimeout(timeout);
            return this;
        }

        /**
         * Runs connections on {@code group} instead of the shared event loops; the caller shuts it down.
         *
         * @param group the event loops to use
         * @return this builder
         */
        public Builder eventLoops(EventLoopGroup group) {
            transport.eventLoops(group);
            return this;
        }

        /**
         * TLS settings for {@code tls://} and {@code wss://} listeners: the certificate chain and key.
         *
         * @param tls the settings
         * @return this builder
         */
        public Builder tls(io.jrpcx.transport.TlsOptions tls) {
            transport.tls(tls);
            return this;
        }

        /**
         * WebSocket settings for {@code ws://} and {@code wss://} listeners: path, allowed origins, pings.
         *
         * @param webSocket the settings
         * @return this builder
         */
        public Builder webSocket(io.jrpcx.transport.WebSocketOptions webSocket) {
            transport.webSocket(webSocket);
            return this;
        }

        /**
         * Binds every address and starts accepting.
         *
         * @return the running server; close it to stop
         * @throws IllegalArgumentException when the framing does not make {@link BinaryFramer}s
         * @throws io.jrpcx.transport.TransportException when an address cannot be bound (those already
         *     bound are closed)
         */
        public MessageServer start() {
            Framing framing = MessageSession.framing(options);
            BinaryFramer codec = MessageSession.codec(framing);
            TransportOptions.Builder t = transport.framing(framing);
            SessionOptions opts = options;
            MessageOptions messages = messageOptions;
            MessageHandler h = handler;
            SessionListener l = listener;
            return new MessageServer(SessionServer.start(List.copyOf(services), t.build(), options.closeTimeout(),
                    () -> new MessageSession(opts, messages, codec, h, l), onOpen, onClose));
        }
    }
}
