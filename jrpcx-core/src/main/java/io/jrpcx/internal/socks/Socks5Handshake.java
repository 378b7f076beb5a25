package io.jrpcx.internal.socks;

import io.jrpcx.net.IpAddress;
import io.jrpcx.socks.SocksAuth;
import io.jrpcx.socks.SocksException;
import io.jrpcx.socks.SocksProtocol;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A SOCKS5 CONNECT (RFC 1928): method selection, then user name and password (RFC 1929) if the
 * proxy chose it, then the request and its reply, whose bound address is read and discarded.
 */
public final class Socks5Handshake extends ReplyReader {
    private static final int NO_AUTH = 0;
    private static final int USER_PASSWORD = 2;
    private static final int NO_ACCEPTABLE = 0xFF;

    private final byte[] request;
    private final byte @Nullable [] credentials;
    private State state = State.METHOD;

    private enum State { METHOD, AUTH, REPLY, BOUND_ADDRESS }

    private Socks5Handshake(byte[] request, byte @Nullable [] credentials) {
        this.request = request;
        this.credentials = credentials;
    }

    /** A handshake asking for {@code host} and {@code port}, offering the methods {@code auth} needs. */
    public static Socks5Handshake of(String host, int port, SocksAuth auth) {
        Bytes.port(port);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {5, 1, 0});
        Optional<IpAddress> ip = Bytes.ipOf(host);
        if (ip.isPresent()) {
            out.write(ip.get().isIpv4() ? 1 : 4);
            out.writeBytes(ip.get().toByteArray());
        } else {
            byte[] name = Bytes.hostName("SOCKS5", host);
            out.write(3);
            out.write(name.length);
            out.writeBytes(name);
        }
        out.write(port >> 8);
        out.write(port);
        byte[] credentials = auth.credentials().map(u -> {
            byte[] user = u.username().getBytes(StandardCharsets.UTF_8);
            byte[] password = u.password().getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream c = new ByteArrayOutputStream(3 + user.length + password.length);
            c.write(1);
            c.write(user.length);
            c.writeBytes(user);
            c.write(password.length);
            c.writeBytes(password);
            return c.toByteArray();
        }).orElse(null);
        return new Socks5Handshake(out.toByteArray(), credentials);
    }

    @Override
    public SocksProtocol protocol() {
        return SocksProtocol.SOCKS5;
    }

    @Override
    protected byte[] first() {
        expect(2, "method selection");
        return credentials == null ? new byte[] {5, 1, NO_AUTH} : new byte[] {5, 2, NO_AUTH, USER_PASSWORD};
    }

    @Override
    protected byte[] onReply(byte[] reply, int length) {
        return switch (state) {
            case METHOD -> onMethod(reply, length);
            case AUTH -> onAuth(reply, length);
            case REPLY -> onConnectReply(reply, length);
            case BOUND_ADDRESS -> {
                finish();
                yield Bytes.EMPTY;
            }
        };
    }

    private byte[] onMethod(byte[] reply, int length) {
        if (reply[0] != 5) {
            throw SocksException.protocol("SOCKS5 proxy sent an invalid method selection: " + hex(reply, length)
                    + " (the first byte must be 5)");
        }
        int method = reply[1] & 0xFF;
        if (method == NO_ACCEPTABLE) {
            throw SocksException.failure("SOCKS5 proxy accepted none of the offered authentication methods ("
                    + (credentials == null ? "none" : "none, username/password") + ")", method);
        }
        if (method == USER_PASSWORD && credentials != null) {
            state = State.AUTH;
            expect(2, "authentication reply");
            return credentials.clone();
        }
        if (method != NO_AUTH) {
            throw SocksException.protocol("SOCKS5 proxy chose authentication method " + method
                    + ", which was not offered");
        }
        return sendRequest();
    }

    private byte[] onAuth(byte[] reply, int length) {
        if (reply[0] != 1) {
            throw SocksException.protocol("SOCKS5 proxy sent an invalid authentication reply: " + hex(reply, length)
                    + " (the first byte must be 1)");
        }
        int status = reply[1] & 0xFF;
        if (status != 0) {
            throw SocksException.failure("SOCKS5 proxy refused the user name and password (status " + status + ")",
                    status);
        }
        return sendRequest();
    }

    private byte[] sendRequest() {
        state = State.REPLY;
        expect(5, "connection reply");
        return request.clone();
    }

    private byte[] onConnectReply(byte[] reply, int length) {
        if (reply[0] != 5) {
            throw SocksException.protocol("SOCKS5 proxy sent an invalid connection reply: " + hex(reply, length)
                    + " (the first byte must be 5)");
        }
        int code = reply[1] & 0xFF;
        if (code != 0) {
            throw SocksException.failure("SOCKS5 proxy: " + replyText(code) + " (code " + code + ")", code);
        }
        if (reply[2] != 0) {
            throw SocksException.protocol("SOCKS5 proxy sent an invalid connection reply: " + hex(reply, length)
                    + " (the reserved byte must be 0)");
        }
        int rest = switch (reply[3]) {
            case 1 -> 3 + 2;
            case 3 -> (reply[4] & 0xFF) + 2;
            case 4 -> 15 + 2;
            default -> throw SocksException.protocol("SOCKS5 proxy sent an invalid connection reply: "
                    + hex(reply, length) + " (address type " + (reply[3] & 0xFF) + " is not 1, 3 or 4)");
        };
        state = State.BOUND_ADDRESS;
        expect(rest, "bound address");
        return Bytes.EMPTY;
    }

    /** The meaning of a SOCKS5 reply code (RFC 1928). */
    static String replyText(int code) {
        return switch (code) {
            case 1 -> "general SOCKS server failure";
            case 2 -> "connection not allowed by ruleset";
            case 3 -> "network unreachable";
            case 4 -> "host unreachable";
            case 5 -> "connection refused";
            case 6 -> "TTL expired";
            case 7 -> "command not supported";
            case 8 -> "address type not supported";
            default -> "unknown reply code";
        };
    }
}
