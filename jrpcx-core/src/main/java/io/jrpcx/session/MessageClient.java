package io.jrpcx.session;

import io.jrpcx.framing.BinaryFramer;
import io.jrpcx.framing.Framing;
import io.jrpcx.net.Service;
import io.jrpcx.transport.TransportOptions;
import io.jrpcx.transport.Transports;
import java.util.Objects;

/**
 * Connects {@link MessageSession}s to servers, by URL ({@code tcp://host:port}) or {@link Service}, as
 * {@link RpcClient} does JSON-RPC sessions. Framing is {@link SessionOptions#framing()} if set, else
 * Bitcoin framing with aiorpcX's defaults. A client is immutable and may connect any number of times.
 *
 * <pre>{@code
 * MessageClient client = MessageClient.builder()
 *         .messageOptions(MessageOptions.builder().ordered(true).build())
 *         .handler((session, message) -> System.out.println(message))
 *         .build();
 * try (MessageSession session = client.connect("tcp://127.0.0.1:8333")) {
 *     session.sendMessage("ping", new byte[8]);
 * }
 * }</pre>
 */
public final class MessageClient {
    private final SessionOptions options;
    private final MessageOptions messageOptions;
    private final MessageHandler handler;
    private final SessionListener listener;
    private final BinaryFramer codec;
    private final TransportOptions transportOptions;

    private MessageClient(Builder b) {
        this.options = b.sessionOptions();
        this.messageOptions = b.messageOptions;
        this.handler = b.handler;
        this.listener = b.sessionListener();
        Framing framing = MessageSession.framing(options);
        this.codec = MessageSession.codec(framing);
        this.transportOptions = b.transport().framing(framing).build();
    }

    /** {@return a builder with the defaults: Bitcoin framing, messages ignored} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Connects to {@code url} ({@code tcp://host:port}), blocking until the connection is open.
     *
     * @param url the peer's URL, such as {@code tcp://127.0.0.1:8333}
     * @return the open session; close it when done
     * @throws io.jrpcx.net.AddressException when the URL is not valid
     * @throws io.jrpcx.transport.TransportException when the connection cannot be made; its message
     *         names the address and the reason
     */
    public MessageSession connect(String url) {
        return connect(Service.parse(url));
    }

    /**
     * Connects to {@code service}, blocking until the connection is open; see {@link #connect(String)}.
     *
     * @param service the peer's service
     * @return the open session; close it when done
     */
    public MessageSession connect(Service service) {
        if (service.isHttp()) {
            throw new IllegalArgumentException("message sessions cannot run over HTTP (" + service
                    + "): it carries JSON-RPC sessions only");
        }
        MessageSession session = new MessageSession(options, messageOptions, codec, handler, listener);
        Transports.connect(service, session.transportListener(), transportOptions);
        return session;
    }

    /** Builds a {@link MessageClient}; what every client builder sets is in {@link ClientBuilder}. */
    public static final class Builder extends ClientBuilder<Builder> {
        private MessageOptions messageOptions = MessageOptions.defaults();
        private MessageHandler handler = MessageHandler.none();

        private Builder() {
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
         * What handles the messages the server sends (by default, nothing: they are ignored).
         *
         * @param handler what handles the peer's messages
         * @return this builder
         */
        public Builder handler(MessageHandler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Builds the client.
         *
         * @return the client, ready to connect
         * @throws IllegalArgumentException when the framing does not make {@link BinaryFramer}s
         */
        public MessageClient build() {
            return new MessageClient(this);
        }
    }
}
