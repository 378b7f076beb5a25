package io.jrpcx.socks;

import io.jrpcx.internal.socks.Socks4Handshake;
import io.jrpcx.internal.socks.Socks5Handshake;
import java.util.Locale;

/**
 * The SOCKS protocol versions a client can speak, each a factory of {@link SocksHandshake}s.
 *
 * <ul>
 *   <li>{@link #SOCKS4}: IPv4 destinations only, a user id but no password.</li>
 *   <li>{@link #SOCKS4A}: SOCKS4 plus host names, which the proxy resolves.</li>
 *   <li>{@link #SOCKS5} (RFC 1928): IPv4, IPv6 and host names; no authentication or a user name and
 *       password (RFC 1929).</li>
 * </ul>
 *
 * <pre>{@code
 * SocksHandshake h = SocksProtocol.SOCKS4A.handshake("example.com", 80, SocksAuth.none());
 * SocksProtocol p = SocksProtocol.fromName("socks5");   // SOCKS5
 * }</pre>
 */
public enum SocksProtocol {
    /** SOCKS version 4. */
    SOCKS4,
    /** SOCKS version 4a: version 4 with host names. */
    SOCKS4A,
    /** SOCKS version 5. */
    SOCKS5;

    /**
     * {@return a new handshake asking the proxy to connect to {@code host} and {@code port}} The host is an IP
     * literal (IPv6 with or without brackets) or a host name sent to the proxy to resolve; a SOCKS4a
     * handshake sends an IPv4 literal as plain SOCKS4 does. Credentials are taken from {@code auth}
     * now, so a {@link SocksAuth#random()} auth gives each handshake its own.
     *
     * @param host the destination's host name or IP literal
     * @param port the destination's port, 1 to 65535
     * @param auth the credentials to offer
     * @throws IllegalArgumentException before anything is sent, if the request cannot be expressed:
     *     a host name over 255 bytes or empty, an IPv6 address or a name for SOCKS4, an IPv6 address
     *     for SOCKS4a, a NUL in a SOCKS4 user id or host name, or a port outside 1 to 65535
     */
    public SocksHandshake handshake(String host, int port, SocksAuth auth) {
        return switch (this) {
            case SOCKS4 -> Socks4Handshake.of(false, host, port, auth, false);
            case SOCKS4A -> Socks4Handshake.of(true, host, port, auth, false);
            case SOCKS5 -> Socks5Handshake.of(host, port, auth);
        };
    }

    /**
     * {@return the lower-case name used on the command line and in URLs: {@code socks4}, {@code socks4a},
     * {@code socks5}}
     */
    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The name in messages: {@code SOCKS4}, {@code SOCKS4a}, {@code SOCKS5}. */
    @Override
    public String toString() {
        return this == SOCKS4A ? "SOCKS4a" : name();
    }

    /**
     * {@return the protocol named {@code name}, ignoring case: {@code socks4}, {@code socks4a} or {@code
     * socks5}}
     *
     * @param name the protocol's name
     * @throws IllegalArgumentException for any other name
     */
    public static SocksProtocol fromName(String name) {
        for (SocksProtocol p : values()) {
            if (p.displayName().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown SOCKS protocol: " + name + " (expected socks4, socks4a or socks5)");
    }
}
