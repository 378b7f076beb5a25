package io.jrpcx.internal.socks;

import io.jrpcx.net.IpAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Encoding helpers shared by the SOCKS handshakes and the proxy. */
public final class Bytes {
    static final byte[] EMPTY = new byte[0];

    private Bytes() {
    }

    /** The IP address {@code host} spells (IPv6 with or without brackets), if it is one. */
    public static Optional<IpAddress> ipOf(String host) {
        String bare = host.length() > 1 && host.startsWith("[") && host.endsWith("]")
                ? host.substring(1, host.length() - 1) : host;
        return IpAddress.tryParse(bare);
    }

    /** The UTF-8 bytes of a host name, 1 to 255 of them. */
    static byte[] hostName(String protocol, String host) {
        byte[] bytes = host.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 1 || bytes.length > 255) {
            throw new IllegalArgumentException(protocol + " host name must be 1 to 255 bytes of UTF-8, not "
                    + bytes.length);
        }
        return bytes;
    }

    static int port(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("invalid port: " + port + " (must be 1 to 65535)");
        }
        return port;
    }
}
