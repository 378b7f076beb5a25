package io.jrpcx.session;

import io.jrpcx.net.Service;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What every running server has, whatever its kind of session: its listeners, its open sessions, its
 * connection counts and cost pools, certificate reloading and closing. {@link RpcServer} runs JSON-RPC
 * sessions, {@link MessageServer} message sessions.
 *
 * <pre>{@code
 * Server<MessageSession> peers = MessageServer.builder().listen("tcp://127.0.0.1:0").start();
 * System.out.println(peers.services() + ": " + peers.connections() + " connections, "
 *         + peers.connectionsRefused() + " refused, pools " + peers.costPools());
 * peers.close();
 * }</pre>
 *
 * @param <S> the kind of session the server runs
 */
public abstract sealed class Server<S extends Session> implements AutoCloseable permits RpcServer, MessageServer {
    private final SessionServer<S> core;

    Server(SessionServer<S> core) {
        this.core = core;
    }

    /**
     * {@return what the server listens on, in the order given, with real port numbers: {@code
     * tcp://127.0.0.1:40123}}
     */
    public List<Service> services() {
        return core.services();
    }

    /**
     * Re-reads the TLS certificate chain and key of every TLS listener from their files, without a
     * restart: connections accepted from now on get them, open ones keep theirs.
     *
     * @throws io.jrpcx.transport.TransportException when they cannot be read (the old ones stay in use)
     */
    public void reloadCertificates() {
        core.reloadCertificates();
    }

    /** {@return the sessions open now} */
    public Set<S> sessions() {
        return core.sessions();
    }

    /** {@return the connections accepted and not yet closed, including those still negotiating} */
    public int connections() {
        return core.connections();
    }

    /** {@return the connections refused at accept: over the server's or an address group's limit} */
    public long connectionsRefused() {
        return core.connectionsRefused();
    }

    /** {@return the cost pools of address groups that have sessions, or cost left to decay} */
    public List<CostPool> costPools() {
        return core.costPools();
    }

    /**
     * Stops listening, then closes every connection: those still negotiating at once, every session
     * gracefully, all together, forcing those not closed after {@code forceAfter}; running handlers are
     * interrupted. Returns when all are closed.
     *
     * @param forceAfter how long sessions may take to close gracefully
     */
    public void close(Duration forceAfter) {
        core.close(forceAfter);
    }

    /** Stops listening and closes every session, forced after the sessions' close timeout. */
    @Override
    public void close() {
        close(core.closeTimeout());
    }
}
