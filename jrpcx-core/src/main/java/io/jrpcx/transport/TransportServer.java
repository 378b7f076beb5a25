package io.jrpcx.transport;

import io.jrpcx.net.Service;
import java.time.Duration;

/**
 * A listening socket made by {@link Transport#serve}. It knows every connection it accepted, from the
 * moment of acceptance, including those still negotiating; closing it stops accepting, and
 * {@link #closeConnectionsNotOpen()} ends those that never opened, so a server's shutdown misses none.
 *
 * <pre>{@code
 * try (TransportServer server = Transports.serve(Service.parse("tcp://127.0.0.1:0"), listeners, options)) {
 *     System.out.println("listening on " + server.service());   // tcp://127.0.0.1:40123
 * }
 * }</pre>
 */
public interface TransportServer extends AutoCloseable {

    /** {@return what this server listens on, with the real port number} */
    Service service();

    /** {@return the number of connections accepted and not yet closed, open or still negotiating} */
    int connections();

    /**
     * {@return the connections refused since the server started, over {@link
     * TransportOptions#maxConnections()} or per address}
     */
    default long connectionsRefused() {
        return 0;
    }

    /** Stops listening and waits until the listening socket is closed. Accepted connections stay open. */
    @Override
    void close();

    /** Closes every accepted connection that has not opened yet (still negotiating). */
    void closeConnectionsNotOpen();

    /**
     * Re-reads the TLS certificate chain and key from their files; connections accepted from now on
     * use them, those open keep theirs. Does nothing for a server without TLS.
     *
     * @throws TransportException when they cannot be read (the old ones stay in use)
     */
    default void reloadCertificates() {
    }

    /**
     * Waits until every accepted connection has closed, at most {@code limit}; true if all have.
     *
     * @param limit the longest to wait
     * @return {@code true} if every connection has closed, {@code false} if the limit passed first
     * @throws InterruptedException if the waiting thread is interrupted
     */
    boolean awaitConnectionsClosed(Duration limit) throws InterruptedException;
}
