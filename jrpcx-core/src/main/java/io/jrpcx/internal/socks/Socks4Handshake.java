package io.jrpcx.internal.socks;

import io.jrpcx.net.IpAddress;
import io.jrpcx.socks.SocksAuth;
import io.jrpcx.socks.SocksException;
import io.jrpcx.socks.SocksProtocol;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A SOCKS4 or SOCKS4a CONNECT: one request, one 8-byte reply whose first byte is 0 and whose second
 * is 90 when the proxy granted the connection.
 */
public final class Socks4Handshake extends ReplyReader {
    private final SocksProtocol protocol;
    private final byte[] request;

    private Socks4Handshake(SocksProtocol protocol, byte[] request) {
        this.protocol = protocol;
        this.request = request;
    }

    /**
     * A SOCKS4 ({@code allowNames} false) or SOCKS4a handshake. With {@code nameAlways}, a SOCKS4a
     * handshake sends even an IP literal as a name (its text) for the proxy to resolve, as detection
     * needs.
     */
    public static Socks4Handshake of(boolean allowNames, String host, int port, SocksAuth auth, boolean nameAlways) {
        SocksProtocol protocol = allowNames ? SocksProtocol.SOCKS4A : SocksProtocol.SOCKS4;
        Bytes.port(port);
        Optional<IpAddress> ip = Bytes.ipOf(host);
        byte[] address;
        byte[] name = null;
        boolean asName = allowNames && nameAlways;
        if (ip.isPresent() && ip.get().isIpv4() && !asName) {
            address = ip.get().toByteArray();
        } else if (ip.isPresent() && ip.get().isIpv6() && !asName) {
            throw new IllegalArgumentException(protocol + " cannot carry an IPv6 address: " + host);
        } else if (!allowNames) {
            throw new IllegalArgumentException("SOCKS4 needs an IPv4 address, not " + host
                    + " (use SOCKS4a or SOCKS5 to let the proxy resolve a name, or resolve it locally)");
        } else {
            address = new byte[] {0, 0, 0, 1};
            name = noNul(protocol, "host name", Bytes.hostName(protocol.toString(), host));
        }
        byte[] userId = auth.credentials()
                .map(u -> noNul(protocol, "user id", u.username().getBytes(StandardCharsets.UTF_8)))
                .orElse(Bytes.EMPTY);
        ByteArrayOutputStream out = new ByteArrayOutputStream(9 + userId.length + (name == null ? 0 : name.length + 1));
        out.write(4);
        out.write(1);
        out.write(port >> 8);
        out.write(port);
        out.writeBytes(address);
        out.writeBytes(userId);
        out.write(0);
        if (name != null) {
            out.writeBytes(name);
            out.write(0);
        }
        return new Socks4Handshake(protocol, out.toByteArray());
    }

    private static byte[] noNul(SocksProtocol protocol, String what, byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                throw new IllegalArgumentException(protocol + " " + what + " cannot contain a NUL byte");
            }
        }
        return bytes;
    }

    @Override
    public SocksProtocol protocol() {
        return protocol;
    }

    @Override
    protected byte[] first() {
        expect(8, "reply");
        return request.clone();
    }

    @Override
    protected byte[] onReply(byte[] reply, int length) {
        if (reply[0] != 0) {
            throw SocksException.protocol(protocol + " proxy sent an invalid reply: " + hex(reply, length)
                    + " (the first byte must be 0)");
        }
        int code = reply[1] & 0xFF;
        if (code != 90) {
            throw SocksException.failure(protocol + " proxy: " + replyText(code) + " (code " + code + ")", code);
        }
        finish();
        return Bytes.EMPTY;
    }

    /** The meaning of a SOCKS4 reply code. */
    static String replyText(int code) {
        return switch (code) {
            case 90 -> "request granted";
            case 91 -> "request rejected or failed";
            case 92 -> "request rejected because the proxy cannot reach the client's identd";
            case 93 -> "request rejected because identd reports a different user id";
            default -> "unknown reply code";
        };
    }
}
