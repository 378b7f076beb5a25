package io.jrpcx.socks;

import io.jrpcx.internal.socks.BlockingHandshake;
import io.jrpcx.internal.socks.ProbeListener;
import io.jrpcx.internal.socks.Socks4Handshake;
import io.jrpcx.net.HostName;
import io.jrpcx.net.IpAddress;
import io.jrpcx.net.NetAddress;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Finds out whether a SOCKS proxy listens at an address, and which protocol it speaks, by asking it
 * to connect to a probe destination with SOCKS5, then SOCKS4a, then SOCKS4. A protocol counts as
 * detected when the proxy grants the request, and also when it refuses it with a proper reply: a
 * refusal still proves a SOCKS server. A protocol error, a lost connection or the per-protocol
 * timeout counts as not detected. Immutable.
 *
 * <p>One refinement: a SOCKS4-only server answers a SOCKS4a request as a SOCKS4 one and refuses it
 * (dante does). So a SOCKS4a refusal does not count when the same server grants SOCKS4 the same
 * destination, which a SOCKS4a server that resolves names would have granted too.
 *
 * <p>Unless a probe destination is set, the detector opens a listener of its own on 127.0.0.1 for the
 * length of each detection, which accepts and closes connections, and probes that: the proxy is never
 * asked to reach beyond the loopback interface, and a proxy on this host that closes the connection
 * instead of replying when it cannot reach a destination (as OpenSSH's {@code ssh -D} does) is still
 * found. A proxy on another host is asked for its own loopback, which it will mostly refuse, and a
 * refusal is enough. A SOCKS4a probe
 * sends the probe's host as a name (its text form), so that it tests what SOCKS4 cannot do; a SOCKS4
 * probe of a host name resolves it locally to IPv4, and a probe SOCKS4 cannot carry (IPv6) is replaced,
 * for SOCKS4 only, by a listener of the detector's own on 127.0.0.1.
 *
 * <pre>{@code
 * SocksDetector detector = SocksDetector.builder().timeout(Duration.ofSeconds(2)).build();
 * Optional<SocksProxy> tor = detector.detectAtHost("127.0.0.1", List.of(9050, 9150));
 * List<SocksProtocol> spoken = detector.detectAll(NetAddress.parse("127.0.0.1:1080"));
 * }</pre>
 */
public final class SocksDetector {
    /** The time each protocol may take unless set, as aiorpcX's. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private static final List<SocksProtocol> ORDER = List.of(SocksProtocol.SOCKS5, SocksProtocol.SOCKS4A,
            SocksProtocol.SOCKS4);

    private final @Nullable NetAddress probe;
    private final Duration timeout;
    private final SocksAuth auth;

    private SocksDetector(Builder b) {
        this.probe = b.probe;
        this.timeout = b.timeout;
        this.auth = b.auth;
    }

    /** {@return a detector with the default probe and timeout and no authentication} */
    public static SocksDetector create() {
        return builder().build();
    }

    /** {@return a builder with the default probe and timeout and no authentication} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this detector's settings} */
    public Builder toBuilder() {
        Builder b = new Builder().timeout(timeout).auth(auth);
        b.probe = probe;
        return b;
    }

    /** {@return the probe destination, if set; otherwise each detection probes a listener of its own} */
    public Optional<NetAddress> probe() {
        return Optional.ofNullable(probe);
    }

    /** {@return how long each protocol may take, connection included} */
    public Duration timeout() {
        return timeout;
    }

    /** {@return the credentials offered to a SOCKS5 proxy} */
    public SocksAuth auth() {
        return auth;
    }

    /**
     * The proxy at {@code address} with the first protocol detected (SOCKS5, SOCKS4a, SOCKS4), if any;
     * a SOCKS4a refusal gives way to a SOCKS4 grant (see the class comment).
     *
     * @param address where the proxy may be listening
     * @return the proxy found, or empty
     */
    public Optional<SocksProxy> detectAt(NetAddress address) {
        try (ProbeListener target = ProbeListener.open(probe)) {
            NetAddress to = target.address();
            SocksProtocol found = null;
            if (answer(address, SocksProtocol.SOCKS5, to) != Answer.NONE) {
                found = SocksProtocol.SOCKS5;
            } else {
                Answer socks4a = answer(address, SocksProtocol.SOCKS4A, to);
                if (socks4a == Answer.GRANTED) {
                    found = SocksProtocol.SOCKS4A;
                } else {
                    Answer socks4 = answer(address, SocksProtocol.SOCKS4, to);
                    if (socks4 == Answer.GRANTED || (socks4 != Answer.NONE && socks4a == Answer.NONE)) {
                        found = SocksProtocol.SOCKS4;
                    } else if (socks4a == Answer.REFUSED) {
                        found = SocksProtocol.SOCKS4A;
                    }
                }
            }
            return Optional.ofNullable(found).map(p -> SocksProxy.of(address, p, auth));
        }
    }

    /**
     * {@return the proxy found by {@link #detectAt} at the first of {@code ports} on {@code host} that has one}
     *
     * @param host the host the proxy may be on
     * @param ports the ports to try, in order
     */
    public Optional<SocksProxy> detectAtHost(String host, List<Integer> ports) {
        for (int port : ports) {
            Optional<SocksProxy> found = detectAt(NetAddress.of(host, port));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * Every protocol detected at {@code address}, in the order SOCKS5, SOCKS4a, SOCKS4; a SOCKS4a
     * refusal does not count when SOCKS4 is granted the same destination (see the class comment).
     *
     * @param address where the proxy may be listening
     * @return the protocols detected; empty if none
     */
    public List<SocksProtocol> detectAll(NetAddress address) {
        try (ProbeListener target = ProbeListener.open(probe)) {
            NetAddress to = target.address();
            Answer socks5 = answer(address, SocksProtocol.SOCKS5, to);
            Answer socks4a = answer(address, SocksProtocol.SOCKS4A, to);
            Answer socks4 = answer(address, SocksProtocol.SOCKS4, to);
            List<SocksProtocol> found = new ArrayList<>();
            if (socks5 != Answer.NONE) {
                found.add(SocksProtocol.SOCKS5);
            }
            if (socks4a == Answer.GRANTED || (socks4a == Answer.REFUSED && socks4 != Answer.GRANTED)) {
                found.add(SocksProtocol.SOCKS4A);
            }
            if (socks4 != Answer.NONE) {
                found.add(SocksProtocol.SOCKS4);
            }
            return List.copyOf(found);
        }
    }

    /**
     * Whether a proxy at {@code address} answers a {@code protocol} request for the probe, with a
     * grant or a refusal, within the timeout.
     *
     * @param address where the proxy may be listening
     * @param protocol the protocol to try
     * @return whether it answered
     */
    public boolean answers(NetAddress address, SocksProtocol protocol) {
        try (ProbeListener target = ProbeListener.open(probe)) {
            return answer(address, protocol, target.address()) != Answer.NONE;
        }
    }

    /** How a proxy answered one probe. */
    private enum Answer { GRANTED, REFUSED, NONE }

    private Answer answer(NetAddress address, SocksProtocol protocol, NetAddress probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<InetAddress> proxies;
        try {
            if (probeHandshake(protocol, probe) == null) {
                // SOCKS4 cannot carry this probe (IPv6, or a name without an IPv4 address): probe a
                // listener of our own on 127.0.0.1 instead
                try (ProbeListener own = ProbeListener.open(null)) {
                    return answer(address, protocol, own.address());
                }
            }
            proxies = switch (address.host()) {
                case IpAddress ip -> List.of(ip.toInetAddress());
                case HostName name -> List.of(InetAddress.getAllByName(name.name()));
            };
        } catch (IOException | IllegalArgumentException e) {
            return Answer.NONE;
        }
        for (InetAddress proxy : proxies) {
            try (Socket socket = BlockingHandshake.run(new InetSocketAddress(proxy, address.port()),
                    Objects.requireNonNull(probeHandshake(protocol, probe)), deadline)) {
                return Answer.GRANTED;
            } catch (SocksException e) {
                if (e.kind() == SocksException.Kind.FAILURE) {
                    return Answer.REFUSED;
                }
            } catch (IOException e) {
                // not here: the next address, if any
            }
        }
        return Answer.NONE;
    }

    private @Nullable SocksHandshake probeHandshake(SocksProtocol protocol, NetAddress probe) throws IOException {
        String host = probe.host().toString();
        return switch (protocol) {
            case SOCKS5 -> protocol.handshake(host, probe.port(), auth);
            case SOCKS4A -> Socks4Handshake.of(true, host, probe.port(), auth, true);
            case SOCKS4 -> {
                if (probe.host() instanceof HostName name) {
                    for (InetAddress a : InetAddress.getAllByName(name.name())) {
                        if (a instanceof Inet4Address) {
                            yield protocol.handshake(a.getHostAddress(), probe.port(), auth);
                        }
                    }
                    yield null;
                }
                yield ((IpAddress) probe.host()).isIpv4() ? protocol.handshake(host, probe.port(), auth) : null;
            }
        };
    }

    @Override
    public String toString() {
        return "SOCKS detector probing " + (probe == null ? "a listener of its own" : probe) + " within " + timeout + " per protocol, auth: " + auth;
    }

    /** Builds a {@link SocksDetector}. */
    public static final class Builder {
        private @Nullable NetAddress probe;
        private Duration timeout = DEFAULT_TIMEOUT;
        private SocksAuth auth = SocksAuth.none();

        private Builder() {
        }

        /**
         * The destination the proxy is asked to connect to.
         *
         * @param probe an address that the proxy can reach
         * @return this builder
         */
        public Builder probe(NetAddress probe) {
            this.probe = Objects.requireNonNull(probe, "probe");
            return this;
        }

        /**
         * How long each protocol may take, connection included; must be positive.
         *
         * @param timeout the time limit per protocol
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * The credentials offered to a SOCKS5 proxy; none by default.
         *
         * @param auth the credentials
         * @return this builder
         */
        public Builder auth(SocksAuth auth) {
            this.auth = Objects.requireNonNull(auth, "auth");
            return this;
        }

        /** {@return a detector with these settings} */
        public SocksDetector build() {
            return new SocksDetector(this);
        }
    }
}
