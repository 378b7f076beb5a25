package io.jrpcx.socks;

import io.jrpcx.internal.socks.BlockingHandshake;
import io.jrpcx.internal.socks.Bytes;
import io.jrpcx.internal.socks.SocksNegotiation;
import io.jrpcx.internal.socks.SocksUrl;
import io.jrpcx.net.IpAddress;
import io.jrpcx.net.NetAddress;
import io.netty.channel.ChannelHandler;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A SOCKS proxy: where it is, which protocol it speaks, how to authenticate, and who resolves the
 * destination's host name. Immutable.
 *
 * <p>By default the proxy resolves host names ({@link Resolution#PROXY}), as it must for Tor: local
 * resolution asks the local resolver for the name, which tells whoever watches it where you connect.
 * {@link Resolution#LOCAL} resolves the name here and asks the proxy for each address in turn until
 * one works. SOCKS4 cannot carry a name at all, so it needs local resolution or an IPv4 destination.
 *
 * <p>In a Netty pipeline, {@link #negotiation} is the step that runs the handshake on a channel
 * connected to {@link #address()}; {@link #connect} does it all on a blocking socket.
 *
 * <pre>{@code
 * SocksProxy tor = SocksProxy.builder(NetAddress.parse("127.0.0.1:9050"))
 *         .protocol(SocksProtocol.SOCKS5)
 *         .auth(SocksAuth.random())          // a circuit of its own per connection
 *         .build();
 * try (SocksConnection c = tor.connect("example.onion", 50001, Duration.ofSeconds(30))) {
 *     c.socket().getOutputStream().write(json);
 * }
 * SocksProxy fromUrl = SocksProxy.parse("socks5h://alice:secret@127.0.0.1:1080");
 * }</pre>
 */
public final class SocksProxy {
    /** Who resolves a destination's host name. */
    public enum Resolution {
        /** The proxy resolves it (SOCKS4a, SOCKS5): the default, and what Tor needs. */
        PROXY,
        /** This host resolves it and asks the proxy for each address in turn. */
        LOCAL
    }

    private final NetAddress address;
    private final SocksProtocol protocol;
    private final SocksAuth auth;
    private final Resolution resolution;

    private SocksProxy(Builder b) {
        this.address = Objects.requireNonNull(b.address, "address");
        this.protocol = b.protocol;
        this.auth = b.auth;
        this.resolution = b.resolution;
    }

    /**
     * A SOCKS5 proxy at {@code address} without authentication, resolving names itself; change with the
     *     builder.
     *
     * @param address the proxy's address
     * @return a builder
     */
    public static Builder builder(NetAddress address) {
        return new Builder(address);
    }

    /**
     * {@return a proxy at {@code address} speaking {@code protocol}, with {@code auth}, resolving names itself}
     *
     * @param address the proxy's address
     * @param protocol the SOCKS version to speak
     * @param auth the credentials to offer
     */
    public static SocksProxy of(NetAddress address, SocksProtocol protocol, SocksAuth auth) {
        return builder(address).protocol(protocol).auth(auth).build();
    }

    /**
     * Parses a proxy URL, {@code SCHEME://[USER:PASSWORD@]HOST:PORT}, with curl's meanings:
     * {@code socks4://} and {@code socks5://} resolve names locally, {@code socks4a://} and
     * {@code socks5h://} let the proxy resolve them. The user name and password are percent-decoded.
     *
     * @param url the proxy URL
     * @return the proxy
     * @throws IllegalArgumentException if {@code url} is not such a URL
     */
    public static SocksProxy parse(String url) {
        return SocksUrl.parse(url);
    }

    /** {@return a builder holding this proxy's settings} */
    public Builder toBuilder() {
        return new Builder(address).protocol(protocol).auth(auth).resolution(resolution);
    }

    /** {@return the proxy's address} */
    public NetAddress address() {
        return address;
    }

    /** {@return the SOCKS version this proxy speaks} */
    public SocksProtocol protocol() {
        return protocol;
    }

    /** {@return the credentials offered to this proxy} */
    public SocksAuth auth() {
        return auth;
    }

    /** {@return who resolves a destination's host name} */
    public Resolution resolution() {
        return resolution;
    }

    /**
     * {@return a new handshake asking this proxy for {@code host} (sent as given) and {@code port}, with fresh
     * credentials}
     *
     * @param host the destination's host name or IP literal
     * @param port the destination's port, 1 to 65535
     */
    public SocksHandshake handshake(String host, int port) {
        return protocol.handshake(host, port, auth);
    }

    /**
     * The hosts to ask this proxy for, in order, to reach {@code host}: {@code host} itself when the
     * proxy resolves names or when it is an IP literal; otherwise its addresses from the local
     * resolver (IPv4 only for SOCKS4 and SOCKS4a). Blocks on the resolver for {@link Resolution#LOCAL}.
     *
     * @param host the destination's host name or IP literal
     * @return the hosts to try, in order; never empty
     * @throws UnknownHostException if local resolution finds no usable address
     */
    public List<String> destinations(String host) throws UnknownHostException {
        if (Bytes.ipOf(host).isPresent()) {
            return List.of(host);
        }
        if (resolution == Resolution.PROXY && protocol != SocksProtocol.SOCKS4) {
            return List.of(host);
        }
        if (resolution == Resolution.PROXY) {
            throw new IllegalArgumentException("SOCKS4 cannot ask the proxy to resolve " + host
                    + "; use SOCKS4a or SOCKS5, or local resolution");
        }
        Set<String> found = new LinkedHashSet<>();
        for (InetAddress a : InetAddress.getAllByName(host)) {
            if (protocol == SocksProtocol.SOCKS5 || a instanceof Inet4Address) {
                found.add(IpAddress.of(a).toString());
            }
        }
        if (found.isEmpty()) {
            throw new UnknownHostException(host + " has no IPv4 address for " + protocol);
        }
        return List.copyOf(found);
    }

    /**
     * The pipeline step that asks this proxy for {@code host} (sent as given: see
     * {@link #destinations}) and {@code port} on a channel connected to {@link #address()}. Put it
     * first in the pipeline; it holds {@code channelActive} back from the handlers after it until the
     * proxy has granted the connection, then leaves the pipeline. On failure the channel closes and
     * the cause (a {@link SocksException}, or an {@link IOException} for a timeout or a lost
     * connection) is on the channel's {@code Negotiation.FAILURE} attribute.
     *
     * @param deadline how long the handshake may take; zero for no limit
     * @param host the destination's host name or IP literal
     * @param port the destination's port, 1 to 65535
     * @return a new Netty handler for one channel
     * @throws IllegalArgumentException if the request cannot be expressed (see {@link SocksProtocol#handshake})
     */
    public ChannelHandler negotiation(String host, int port, Duration deadline) {
        return new SocksNegotiation(handshake(host, port), deadline);
    }

    /**
     * Connects to {@code host} and {@code port} through this proxy on a blocking socket, as
     * {@link #destinations} and {@link #resolution()} say: each address of the proxy is tried in
     * turn, and for each destination host in turn. The whole takes at most {@code deadline}.
     *
     * @param host the destination's host name or IP literal
     * @param port the destination's port, 1 to 65535
     * @param deadline the time limit for the whole connection, handshakes included
     * @return the connected socket, ready for the destination's protocol; close it when done
     * @throws SocksException if the proxy broke the protocol or refused (the first such error, with the
     *     others suppressed)
     * @throws IOException if no connection could be made or the deadline passed
     */
    public SocksConnection connect(String host, int port, Duration deadline) throws IOException {
        long deadlineNanos = System.nanoTime() + deadline.toNanos();
        List<Exception> errors = new ArrayList<>();
        for (String destination : destinations(host)) {
            for (InetAddress proxyIp : proxyAddresses()) {
                InetSocketAddress proxy = new InetSocketAddress(proxyIp, address.port());
                try {
                    Socket socket = BlockingHandshake.run(proxy, handshake(destination, port), deadlineNanos);
                    return new SocksConnection(socket, proxy, destination, port);
                } catch (IOException | SocksException e) {
                    errors.add(e);
                }
            }
        }
        Exception first = errors.get(0);
        for (Exception e : errors.subList(1, errors.size())) {
            first.addSuppressed(e);
        }
        if (first instanceof IOException io) {
            throw io;
        }
        throw (SocksException) first;
    }

    private List<InetAddress> proxyAddresses() throws UnknownHostException {
        return switch (address.host()) {
            case IpAddress ip -> List.of(ip.toInetAddress());
            case io.jrpcx.net.HostName name -> List.of(InetAddress.getAllByName(name.name()));
        };
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof SocksProxy p && p.address.equals(address) && p.protocol == protocol
                && p.auth.equals(auth) && p.resolution == resolution;
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, protocol, auth, resolution);
    }

    /** For example {@code SOCKS5 proxy at 127.0.0.1:1080, auth: user alice}; never a password. */
    @Override
    public String toString() {
        return protocol + " proxy at " + address + ", auth: " + auth
                + (resolution == Resolution.LOCAL ? ", resolving locally" : "");
    }

    /** Builds a {@link SocksProxy}. */
    public static final class Builder {
        private final NetAddress address;
        private SocksProtocol protocol = SocksProtocol.SOCKS5;
        private SocksAuth auth = SocksAuth.none();
        private Resolution resolution = Resolution.PROXY;

        private Builder(NetAddress address) {
            this.address = Objects.requireNonNull(address, "address");
        }

        /**
         * The SOCKS version to speak; SOCKS5 by default.
         *
         * @param protocol the version
         * @return this builder
         */
        public Builder protocol(SocksProtocol protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        /**
         * The credentials to offer; none by default.
         *
         * @param auth the credentials
         * @return this builder
         */
        public Builder auth(SocksAuth auth) {
            this.auth = Objects.requireNonNull(auth, "auth");
            return this;
        }

        /**
         * Who resolves a destination's host name; {@link Resolution#PROXY} by default.
         *
         * @param resolution who resolves it
         * @return this builder
         */
        public Builder resolution(Resolution resolution) {
            this.resolution = Objects.requireNonNull(resolution, "resolution");
            return this;
        }

        /** {@return a proxy with these settings} */
        public SocksProxy build() {
            return new SocksProxy(this);
        }
    }
}
