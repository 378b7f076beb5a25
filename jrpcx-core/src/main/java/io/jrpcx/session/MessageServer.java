package io.jrpcx.session;

import io.jrpcx.framing.BinaryFramer;
import io.jrpcx.framing.Framing;
import io.jrpcx.net.Service;
import java.util.Objects;

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
public final class MessageServer extends Server<MessageSession> {
    private MessageServer(SessionServer<MessageSession> core) {
        super(core);
    }

    /** {@return a builder with the defaults: Bitcoin framing, messages ignored} */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds and starts a {@link MessageServer}; what every server builder sets is in {@link ServerBuilder}. */
    public static final class Builder extends ServerBuilder<MessageSession, Builder> {
        private MessageOptions messageOptions = MessageOptions.defaults();
        private MessageHandler handler = MessageHandler.none();

        private Builder() {
        }

        /** HTTP answers each POST with one reply, which JSON-RPC sessions know how to give and message sessions do not. */
        @Override
        void checkListenable(Service service) {
            if (service.isHttp()) {
                throw new IllegalArgumentException("message sessions cannot run over HTTP (" + service
                        + "): it carries JSON-RPC sessions only");
            }
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
         * Binds every address and starts accepting.
         *
         * @return the running server; close it to stop
         * @throws IllegalArgumentException when the framing does not make {@link BinaryFramer}s
         * @throws io.jrpcx.transport.TransportException when an address cannot be bound (those already
         *     bound are closed)
         */
        public MessageServer start() {
            SessionOptions opts = sessionOptions();
            Framing framing = MessageSession.framing(opts);
            BinaryFramer codec = MessageSession.codec(framing);
            MessageOptions messages = messageOptions;
            MessageHandler h = handler;
            SessionListener l = sessionListener();
            return new MessageServer(startCore(transport().framing(framing).build(),
                    () -> new MessageSession(opts, messages, codec, h, l)));
        }
    }
}
