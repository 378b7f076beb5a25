package io.jrpcx.internal.socks;

import io.jrpcx.net.NetAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.jspecify.annotations.Nullable;

/**
 * The destination of a detection probe: the one configured, or a listener of its own on 127.0.0.1
 * that accepts and closes every connection until it is closed.
 */
public final class ProbeListener implements AutoCloseable {
    private final NetAddress address;
    private final @Nullable ServerSocket server;

    private ProbeListener(NetAddress address, @Nullable ServerSocket server) {
        this.address = address;
        this.server = server;
    }

    /** The configured probe, or a new listener if {@code configured} is null. */
    public static ProbeListener open(@Nullable NetAddress configured) {
        if (configured != null) {
            return new ProbeListener(configured, null);
        }
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            Thread.ofVirtual().name("socks-probe-listener").start(() -> acceptAndClose(server));
            return new ProbeListener(NetAddress.of("127.0.0.1", server.getLocalPort()), server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a probe listener on 127.0.0.1", e);
        }
    }

    private static void acceptAndClose(ServerSocket server) {
        while (true) {
            try (Socket s = server.accept()) {
                // the connection itself is the answer
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    public NetAddress address() {
        return address;
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                // nothing left to do
            }
        }
    }
}
