package io.jrpcx.internal.transport;

import io.jrpcx.net.Service;
import io.jrpcx.transport.TransportListener;
import io.jrpcx.transport.TransportOptions;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * JSON-RPC over HTTP ({@code http://host:port/path}) and HTTPS ({@code https://}): each message is the
 * body of one {@code POST} on a keep-alive connection, and a connection is one server session. A server
 * handles one request of a connection at a time ({@link HttpGate}), answers it with the session's reply
 * or {@code 204} ({@link HttpServerExchanges}), and also accepts WebSocket upgrades on the same port
 * ({@link HttpNegotiation}); a client posts each message it sends ({@link HttpClientExchanges}), on a new
 * connection when the server has ended the last one ({@link HttpClientConnections}). Bodies
 * are limited to the framing's maximum message size ({@code 413} past it). See
 * {@link io.jrpcx.transport.HttpOptions}.
 *
 * <pre>{@code
 * TransportServer s = HttpTransport.INSTANCE.serve(Service.parseListening("http://127.0.0.1:0"), listeners, options);
 * MessageTransport t = HttpTransport.INSTANCE.connect(Service.parse("http://127.0.0.1:8332/"), listener, options);
 * }</pre>
 */
public final class HttpTransport extends TcpTransport {
    public static final HttpTransport INSTANCE = new HttpTransport();
    /** The longest request or status line. */
    private static final int MAX_LINE = 4096;
    /** The largest header block; past it a server answers 431. */
    static final int MAX_HEADERS = 8192;

    private HttpTransport() {
    }

    @Override
    protected Setup setup(Service service, boolean client, TransportOptions options) {
        int limit = WebSocketTransport.messageLimit(options);
        return TlsTransport.under(service, client, options, p -> {
            if (client) {
                HttpClientExchanges exchanges = new HttpClientExchanges(service, options.http());
                p.addLast("http-bytes", exchanges.byteCounter());
                p.addLast("http", new HttpClientCodec(MAX_LINE, MAX_HEADERS, 8192));
                p.addLast("http-aggregator", new HttpObjectAggregator(limit));
                p.addLast("http-exchanges", exchanges);
            } else {
                p.addLast("http", new HttpServerCodec(MAX_LINE, MAX_HEADERS, 8192));
                // the URL's path is the HTTP path; upgrades go by the WebSocket options' path
                p.addLast("http-negotiation", new HttpNegotiation(options.webSocket().path(), options));
                p.addLast("http-gate", new HttpGate(options.handshakeTimeout(), options.http()));
                p.addLast("http-aggregator", new HttpObjectAggregator(limit));
                p.addLast("http-exchanges", new HttpServerExchanges(
                        service.urlPath().orElse(options.http().path()), options.http()));
            }
        });
    }

    /** {@return {@code message}, or throws {@link IllegalArgumentException} when it is over {@code limit} bytes} */
    static byte[] checkSize(byte[] message, int limit) {
        if (message.length > limit) {
            throw new IllegalArgumentException("message of " + message.length + " bytes is over the limit of " + limit);
        }
        return message;
    }

    /**
     * A client's session over HTTP outlives each connection the server ends while owing nothing; see
     * {@link HttpClientConnections}.
     */
    @Override
    public io.jrpcx.transport.MessageTransport connect(Service service, TransportListener listener, TransportOptions options) {
        Setup setup = prepareClient(service, options);   // one TLS context for every connection of the session
        return HttpClientConnections.open(listener, options,
                (leg, pinned) -> (MessageBridge) connect(service, leg, pinned, setup));
    }

    @Override
    protected MessageBridge addMessageLayer(ChannelPipeline pipeline, TransportListener listener, TransportOptions options) {
        int limit = WebSocketTransport.messageLimit(options);
        MessageBridge bridge = new MessageBridge(listener, message -> checkSize(message, limit));
        pipeline.addLast("bridge", bridge);
        return bridge;
    }
}
