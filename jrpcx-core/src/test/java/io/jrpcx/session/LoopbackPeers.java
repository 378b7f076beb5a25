package io.jrpcx.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.jrpcx.net.AddressGrouping;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Raw peers of one server, each connecting from a chosen 127.0.0.x source address: distinct addresses
 * stand for distinct clients when the server groups {@link #EACH_LOOPBACK_ADDRESS}. Closing closes them all,
 * then the server at once.
 *
 * @param <S> the server's kind of session
 */
final class LoopbackPeers<S extends Session> implements AutoCloseable {
    /** Each address its own group, local ones included. */
    static final AddressGrouping EACH_LOOPBACK_ADDRESS =
            AddressGrouping.builder().includeLocal(true).ipv4Prefix(32).build();

    private final Server<S> server;
    private final List<RawPeer> peers = new ArrayList<>();

    LoopbackPeers(Server<S> server) {
        this.server = server;
    }

    /** A peer connected from {@code source} to the server's first listener. */
    RawPeer connectFrom(String source) {
        try {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", server.services().get(0).port()), 10_000);
            RawPeer peer = new RawPeer(socket);
            peers.add(peer);
            return peer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether the server answers {@code peer}: {@code exchange} writes a request and reads its answer; a
     * reset, or an end of stream it reports as false, means the connection was refused or closed.
     */
    static boolean serves(RawPeer peer, Predicate<RawPeer> exchange) {
        try {
            return exchange.test(peer);
        } catch (UncheckedIOException e) {
            return false;   // reset
        }
    }

    /** Waits (20 s at most) until the server holds {@code n} connections. */
    void awaitConnections(int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (server.connections() != n && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(server.connections()).isEqualTo(n);
    }

    /** The server's session of {@code peer}, once it is open (20 s at most). */
    S sessionOf(RawPeer peer) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (S s : server.sessions()) {
                if (peer.localAddress().equals(s.remoteAddress())) {
                    return s;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no session for " + peer.localAddress());
    }

    /** Closes every peer but {@code kept}. */
    void closeAllBut(RawPeer kept) {
        peers.forEach(p -> {
            if (p != kept) {
                p.close();
            }
        });
    }

    @Override
    public void close() {
        peers.forEach(RawPeer::close);
        server.close(Duration.ZERO);
    }
}
