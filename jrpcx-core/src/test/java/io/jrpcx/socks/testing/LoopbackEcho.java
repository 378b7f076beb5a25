package io.jrpcx.socks.testing;

import io.jrpcx.net.NetAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP echo server on 127.0.0.1 and a free port, a virtual thread per connection: the destination
 * that tests ask proxies to reach, and the probe of auto-detection.
 *
 * <pre>{@code
 * try (LoopbackEcho echo = LoopbackEcho.start()) {
 *     proxy.connect("127.0.0.1", echo.port(), Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class LoopbackEcho implements AutoCloseable {
    private final ServerSocket server;

    private LoopbackEcho(ServerSocket server) {
        this.server = server;
        Thread.ofVirtual().name("loopback-echo").start(this::acceptLoop);
    }

    /** An echo server on 127.0.0.1. */
    public static LoopbackEcho start() throws IOException {
        return startOn("127.0.0.1");
    }

    /** An echo server on a loopback address: {@code 127.0.0.1} or {@code ::1}. */
    public static LoopbackEcho startOn(String loopback) throws IOException {
        InetAddress ip = InetAddress.getByName(loopback);
        if (!ip.isLoopbackAddress()) {
            throw new IllegalArgumentException("not a loopback address: " + loopback);
        }
        return new LoopbackEcho(new ServerSocket(0, 50, ip));
    }

    public int port() {
        return server.getLocalPort();
    }

    public NetAddress address() {
        return NetAddress.of(io.jrpcx.net.IpAddress.of(server.getInetAddress()).toString(), port());
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> echo(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void echo(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
