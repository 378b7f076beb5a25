package io.jrpcx.session;

import io.jrpcx.transport.MessageTransport;
import io.jrpcx.transport.TransportListener;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import io.jrpcx.internal.concurrent.TimeoutScheduler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every session kind shares: one connection, its counters, and closing. A session is made by a
 * server for each connection it accepts, or by a client when it connects.
 *
 * <pre>{@code
 * Session session = client.connect(address);
 * System.out.println(session + " sent " + session.stats().messagesSent());
 * session.close();
 * }</pre>
 */
public abstract sealed class Session implements AutoCloseable permits RpcSession {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final java.util.concurrent.atomic.AtomicBoolean listenerTaken = new java.util.concurrent.atomic.AtomicBoolean();
    private final SessionOptions options;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final List<Consumer<? super Session>> closeListeners = new ArrayList<>();
    private final long openedAt = System.currentTimeMillis();
    private final LongAdder messagesSent = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder requestsHandled = new LongAdder();
    private volatile long messagesReceived;
    private volatile long bytesReceived;
    private volatile long lastSend;
    private volatile long lastReceive;
    private volatile @Nullable MessageTransport transport;
    private volatile @Nullable SocketAddress remoteAddress;
    private volatile boolean lost;

    Session(SessionOptions options) {
        this.options = options;
    }

    /** A number unique in this process. */
    public long id() {
        return id;
    }

    /** The options the session was made with. */
    public SessionOptions options() {
        return options;
    }

    /** The peer's address (known once connected). */
    public @Nullable SocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** True from connection until the connection closes. */
    public boolean isOpen() {
        MessageTransport t = transport;
        return t != null && !closed.isDone() && t.isOpen();
    }

    /** Completes when the connection has closed, for whatever reason. */
    public CompletableFuture<Void> closed() {
        return closed.copy();
    }

    /** A snapshot of the counters. */
    public SessionStats stats() {
        long ls = lastSend;
        long lr = lastReceive;
        return new SessionStats(messagesSent.sum(), bytesSent.sum(), messagesReceived, bytesReceived,
                errors.sum(), requestsHandled.sum(), Instant.ofEpochMilli(openedAt),
                ls == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ls)),
                lr == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lr)));
    }

    /**
     * Closes gracefully: what is queued is sent, then the connection closes; if that takes longer than
     * {@link SessionOptions#closeTimeout()} the connection is aborted. Waits for the close to finish,
     * unless called on an I/O thread.
     */
    @Override
    public void close() {
        close(options.closeTimeout());
    }

    /** As {@link #close()}, forcing the close after {@code forceAfter}. */
    public void close(Duration forceAfter) {
        MessageTransport t = transport;
        if (t == null || closed.isDone()) {
            return;
        }
        startClose(t, forceAfter);
        if (!t.inIoThread()) {
            awaitClosed(forceAfter.plusSeconds(5));
        }
    }

    /** Starts a graceful close without waiting for it. */
    final void startClose() {
        startClose(options.closeTimeout());
    }

    /** Starts a graceful close, forced after {@code forceAfter}, without waiting for it. */
    final void startClose(Duration forceAfter) {
        MessageTransport t = transport;
        if (t != null && !closed.isDone()) {
            startClose(t, forceAfter);
        }
    }

    private void startClose(MessageTransport t, Duration forceAfter) {
        t.close();
        ScheduledFuture<?> force = TimeoutScheduler.schedule(() -> {
            LOG.debug("{}: close took longer than {}, aborting", this, forceAfter);
            t.abort();
        }, Math.max(0, forceAfter.toNanos()));
        closed.whenComplete((v, e) -> force.cancel(false));
    }

    /** Closes at once, discarding anything not yet sent. */
    public void abort() {
        MessageTransport t = transport;
        if (t != null) {
            t.abort();
        }
    }

    final void awaitClosed(Duration limit) {
        try {
            closed.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // closed or given up: either way the caller goes on
        }
    }

    /** Runs {@code listener} once the session has closed (at once if it already has). */
    public void onClose(Consumer<? super Session> listener) {
        synchronized (closeListeners) {
            if (!closed.isDone()) {
                closeListeners.add(listener);
                return;
            }
        }
        listener.accept(this);
    }

    @Override
    public String toString() {
        SocketAddress address = remoteAddress;
        return "session " + id + (address == null ? "" : " (" + address + ")");
    }

    // ---- for subclasses ----

    /** Sends one whole message. */
    final void sendMessage(byte[] message) {
        MessageTransport t = transport;
        if (t == null) {
            throw new IllegalStateException(this + " is not connected");
        }
        messagesSent.increment();
        bytesSent.add(message.length);
        lastSend = System.currentTimeMillis();
        t.send(message);
    }

    final void countError() {
        errors.increment();
    }

    final void countHandled() {
        requestsHandled.increment();
    }

    /** True once the connection is known to be closed, before pending requests are failed. */
    final boolean isClosed() {
        return lost;
    }

    /** A message arrived; called on the I/O thread. */
    abstract void messageReceived(byte[] message);

    /** The peer will send nothing more; called once, on the I/O thread. */
    abstract void inputClosed();

    /** The connection closed; called once, on the I/O thread, before close listeners run. */
    abstract void connectionLost(@Nullable Throwable cause);

    /**
     * The listener through which a transport drives this session: give it to the one transport that
     * carries the session (servers and clients do this themselves; call it only to run a session over a
     * transport of your own).
     *
     * @throws IllegalStateException when called a second time
     */
    public final TransportListener transportListener() {
        if (listenerTaken.getAndSet(true)) {
            throw new IllegalStateException(this + " already has a transport");
        }
        return new Listener();
    }

    private final class Listener implements TransportListener {
        @Override
        public void onOpen(MessageTransport t) {
            transport = t;
            remoteAddress = t.remoteAddress();
        }

        @Override
        public void onMessage(byte[] message) {
            messagesReceived++;
            bytesReceived += message.length;
            lastReceive = System.currentTimeMillis();
            messageReceived(message);
        }

        @Override
        public void onInputClosed() {
            inputClosed();
        }

        @Override
        public void onMessageDropped(String reason) {
            countError();
            LOG.debug("{}: dropped input: {}", Session.this, reason);
        }

        @Override
        public void onClosed(@Nullable Throwable cause) {
            if (cause != null) {
                LOG.debug("{}: connection failed", Session.this, cause);
            }
            lost = true;
            try {
                connectionLost(cause);
            } finally {
                List<Consumer<? super Session>> listeners;
                synchronized (closeListeners) {
                    closed.complete(null);
                    listeners = List.copyOf(closeListeners);
                    closeListeners.clear();
                }
                for (Consumer<? super Session> listener : listeners) {
                    try {
                        listener.accept(Session.this);
                    } catch (RuntimeException e) {
                        LOG.warn("{}: close listener failed", Session.this, e);
                    }
                }
            }
        }
    }
}
