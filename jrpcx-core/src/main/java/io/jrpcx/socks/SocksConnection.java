package io.jrpcx.socks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A connection made through a SOCKS proxy by {@link SocksProxy#connect}: the socket, ready for the
 * destination's bytes, the proxy's address it is connected to (aiorpcX's {@code peername}), and the
 * host and port the proxy was asked for (a resolved address when the name was resolved locally).
 * Closing it closes the socket.
 *
 * <pre>{@code
 * try (SocksConnection c = proxy.connect("localhost", 7, Duration.ofSeconds(5))) {
 *     c.socket().getOutputStream().write("ping".getBytes(UTF_8));
 *     System.out.println("through " + c.proxyPeer() + " to " + c.host() + ":" + c.port());
 * }
 * }</pre>
 *
 * @param socket the connected socket
 * @param proxyPeer the proxy's socket address
 * @param host the host the proxy was asked for
 * @param port the port the proxy was asked for
 */
public record SocksConnection(Socket socket, InetSocketAddress proxyPeer, String host, int port)
        implements AutoCloseable {

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
