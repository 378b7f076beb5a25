package io.jrpcx.session;

import io.jrpcx.socks.SocksProxy;
import java.time.Duration;

/**
 * What every client builder sets beyond {@link SessionBuilder}: how long connecting may take and the
 * SOCKS proxy to connect through.
 *
 * <pre>{@code
 * RpcClient viaTor = RpcClient.builder()
 *         .proxy(SocksProxy.parse("socks5h://127.0.0.1:9050"))
 *         .connectTimeout(Duration.ofSeconds(60))
 *         .build();
 * }</pre>
 *
 * @param <B> the concrete builder
 */
public abstract sealed class ClientBuilder<B extends ClientBuilder<B>> extends SessionBuilder<B>
        permits RpcClient.Builder, MessageClient.Builder {
    ClientBuilder() {
    }

    /**
     * How long a connection may take to open (30 s by default).
     *
     * @param timeout the time limit, positive
     * @return this builder
     */
    public B connectTimeout(Duration timeout) {
        transport().connectTimeout(timeout);
        return self();
    }

    /**
     * Connects through a SOCKS proxy (SOCKS4, 4a or 5): the proxy's handshake is the first negotiation
     * of each connection. By default the proxy resolves host names, so the name never reaches the
     * local resolver (what Tor users need); {@code SocksProxy.Resolution.LOCAL} resolves them here.
     *
     * @param proxy the SOCKS proxy
     * @return this builder
     */
    public B proxy(SocksProxy proxy) {
        transport().proxy(proxy);
        return self();
    }
}
