package io.jrpcx.session;

import io.jrpcx.net.Service;
import io.jrpcx.transport.MessageTransport;
import io.jrpcx.transport.ReadPause;
import io.jrpcx.transport.TransportListener;
import io.jrpcx.transport.TransportOptions;
import io.jrpcx.transport.TransportServer;
import io.jrpcx.transport.Transports;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every kind of server shares: its listeners, the set of its open sessions and closing them all.
 * {@link Server} holds one, for its kind of session; {@link ServerBuilder} starts it.
 */
final class SessionServer<S extends Session> {
    private static final Logger LOG = LoggerFactory.getLogger(SessionServer.class);

    private final List<TransportServer> listeners = new ArrayList<>();
    private final Set<S> sessions = ConcurrentHashMap.newKeySet();
    private final Duration closeTimeout;
    private final @Nullable CostPools pools;
    private volatile boolean closing;

    private SessionServer(Duration closeTimeout, @Nullable CostPools pools) {
        this.closeTimeout = closeTimeout;
        this.pools = pools;
    }

    /**
     * Binds every service and starts accepting, making a session for each connection with
     * {@code newSession}; the sessions join the cost pool of their peer's address group in {@code pools}, if
     * any.
     *
     * @throws io.jrpcx.transport.TransportException when an address cannot be bound (those already bound
     *     are closed)
     */
    static <S extends Session> SessionServer<S> start(List<Service> services, TransportOptions transportOptions,
                                                      Duration closeTimeout, @Nullable CostPools pools,
                                                      Supplier<S> newSession,
                                                      Consumer<? super S> opened, Consumer<? super S> closed) {
        if (services.isEmpty()) {
            throw new IllegalStateException("no address to listen on");
        }
        SessionServer<S> server = new SessionServer<>(closeTimeout, pools);
        try {
            for (Service service : services) {
                server.listeners.add(Transports.serve(service,
                        () -> server.new Tracked(newSession.get(), opened, closed), transportOptions));
            }
        } catch (RuntimeException e) {
            server.listeners.forEach(TransportServer::close);
            throw e;
        }
        return server;
    }

    void reloadCertificates() {
        for (TransportServer listener : listeners) {
            listener.reloadCertificates();
        }
    }

    List<Service> services() {
        return listeners.stream().map(TransportServer::service).toList();
    }

    Set<S> sessions() {
        return Set.copyOf(sessions);
    }

    int connections() {
        return listeners.stream().mapToInt(TransportServer::connections).sum();
    }

    Duration closeTimeout() {
        return closeTimeout;
    }

    long connectionsRefused() {
        return listeners.stream().mapToLong(TransportServer::connectionsRefused).sum();
    }

    List<CostPool> costPools() {
        return pools == null ? List.of() : pools.snapshot();
    }

    void close(Duration forceAfter) {
        closing = true;
        for (TransportServer listener : listeners) {
            listener.close();
        }
        for (TransportServer listener : listeners) {
            listener.closeConnectionsNotOpen();
        }
        List<S> open = List.copyOf(sessions);
        for (S session : open) {
            session.startClose(forceAfter);
        }
        for (S session : open) {
            session.awaitClosed(forceAfter.plusSeconds(5));
        }
        try {
            for (TransportServer listener : listeners) {
                listener.awaitConnectionsClosed(forceAfter.plusSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A session's transport listener that also keeps the server's set of sessions. */
    private final class Tracked implements TransportListener {
        private final S session;
        private final TransportListener delegate;
        private final Consumer<? super S> opened;
        private final Consumer<? super S> closed;

        Tracked(S session, Consumer<? super S> opened, Consumer<? super S> closed) {
            this.session = session;
            this.delegate = session.transportListener();
            this.opened = opened;
            this.closed = closed;
        }

        @Override
        public void onOpen(MessageTransport transport) {
            if (pools != null) {
                pools.join(session, transport.remoteAddress());
            }
            delegate.onOpen(transport);
            sessions.add(session);
            if (closing) {
                session.startClose();   // opened while the server was closing: it sees no work
                return;
            }
            run(opened);
        }

        @Override
        public void onMessage(byte[] message) {
            delegate.onMessage(message);
        }

        @Override
        public void onReadComplete() {
            delegate.onReadComplete();
        }

        @Override
        public void onMessageDropped(String reason) {
            delegate.onMessageDropped(reason);
        }

        @Override
        public void onInputClosed() {
            delegate.onInputClosed();
        }

        @Override
        public void onWritabilityChanged(boolean writable) {
            delegate.onWritabilityChanged(writable);
        }

        @Override
        public void onReadingChanged(Set<ReadPause> reasons) {
            delegate.onReadingChanged(reasons);
        }

        @Override
        public void onClosed(@Nullable Throwable cause) {
            sessions.remove(session);
            if (pools != null) {
                pools.leave(session);
            }
            try {
                delegate.onClosed(cause);
            } finally {
                run(closed);
            }
        }

        private void run(Consumer<? super S> callback) {
            try {
                callback.accept(session);
            } catch (RuntimeException e) {
                LOG.warn("{}: callback failed", session, e);
            }
        }
    }
}
