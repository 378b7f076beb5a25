package io.jrpcx.internal.transport;

import io.jrpcx.transport.MessageTransport;
import io.jrpcx.transport.ReadPause;
import io.jrpcx.transport.TransportException;
import io.jrpcx.transport.TransportListener;
import io.jrpcx.transport.TransportOptions;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A client's JSON-RPC over HTTP as one session over as many keep-alive connections as the server makes
 * it use. A server may end a connection whenever it owes nothing on it: after an idle time (bitcoind's
 * {@code -rpcservertimeout}, 30 s by default), or after each response (an HTTP/1.0 server such as
 * Python's {@code http.server}, or any response with {@code Connection: close}). The session goes on:
 * the next message opens a new connection on the same I/O thread, and the messages sent meanwhile wait
 * for it. The server did not read the requests posted after a response that announced the close, nor
 * those posted on a connection that had gone idle and then ended before a byte of any answer came (it
 * was closing as idle while they were on their way; a request sent again this way meets a new
 * connection, so it is sent at most twice): they are posted again on the new connection. A connection
 * that ends while an answer is owed for a request the server did read, or on an HTTP error, ends the
 * session, so its calls fail with the reason; so does a new connection that cannot be made.
 *
 * <pre>{@code
 * MessageTransport t = HttpClientConnections.open(listener, options, (leg, pinned) -> connectOnce(leg, pinned));
 * }</pre>
 */
final class HttpClientConnections implements MessageTransport {
    /** Makes one connection, blocking until it is open, on the event loop {@code pinned} names. */
    interface Connector {
        MessageBridge connect(TransportListener leg, TransportOptions pinned);
    }

    private final TransportListener session;
    private final Connector connector;
    private final TransportOptions pinned;
    private final EventLoop loop;
    private final int limit;
    /** Messages from other threads, in order, for the loop. */
    private final Queue<byte[]> fromOtherThreads = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drainOtherThreads;
    private volatile boolean open = true;
    private volatile @Nullable Leg current;
    // the rest is the loop's alone
    /** Messages waiting for a connection, in order. */
    private final ArrayDeque<byte[]> waiting = new ArrayDeque<>();
    private boolean connecting;
    private boolean opened;
    private boolean closeRequested;
    private boolean abortRequested;
    private int pauses;
    /** What the session was last told of writability: a connection that ends unwritable must not leave it waiting. */
    private boolean toldWritable = true;
    private volatile SocketAddress remote = MessageBridge.UnknownAddress.INSTANCE;
    private volatile SocketAddress local = MessageBridge.UnknownAddress.INSTANCE;

    private HttpClientConnections(TransportListener session, Connector connector, TransportOptions pinned, EventLoop loop) {
        this.session = session;
        this.connector = connector;
        this.pinned = pinned;
        this.loop = loop;
        this.limit = WebSocketTransport.messageLimit(pinned);
    }

    /**
     * Makes the first connection, blocking until it is open; the session hears {@code onOpen} with the
     * returned transport.
     *
     * @throws TransportException when the first connection cannot be made
     */
    static HttpClientConnections open(TransportListener session, TransportOptions options, Connector connector) {
        EventLoop loop = EventLoops.groupOf(options).next();
        TransportOptions pinned = options.toBuilder().eventLoops(loop).build();
        HttpClientConnections connections = new HttpClientConnections(session, connector, pinned, loop);
        connector.connect(connections.new Leg(), pinned);
        return connections;
    }

    @Override
    public void send(byte[] message) {
        HttpTransport.checkSize(message, limit);   // on the caller's thread, as every transport does
        if (!open) {
            return;
        }
        if (loop.inEventLoop() && fromOtherThreads.isEmpty()) {
            sendOnLoop(message);
            return;
        }
        fromOtherThreads.add(message);
        if (!drainScheduled.getAndSet(true)) {
            loop.execute(drainTask);
        }
    }

    private void drainOtherThreads() {
        drainScheduled.set(false);
        byte[] message;
        while ((message = fromOtherThreads.poll()) != null) {
            sendOnLoop(message);
        }
    }

    private void sendOnLoop(byte[] message) {
        if (!open || closeRequested) {
            return;
        }
        Leg leg = current;
        if (leg != null && waiting.isEmpty() && leg.takesMore()) {
            leg.bridge().send(message);
            return;
        }
        waiting.add(message);
        if (leg == null) {
            reconnect();
        }
    }

    /** Opens the next connection from a virtual thread (connecting blocks); its leg sends what waits. */
    private void reconnect() {
        if (connecting || !open) {
            return;
        }
        connecting = true;
        Leg leg = new Leg();
        Thread.ofVirtual().name("jrpcx-http-reconnect").start(() -> {
            try {
                connector.connect(leg, pinned);
            } catch (RuntimeException e) {   // a TransportException that says why, as a rule
                loop.execute(() -> {
                    connecting = false;
                    end(e);
                });
            }
        });
    }

    /**
     * Tells the session of writability: when it changes from what it was last told, and always that it
     * may send once a connection has ended or opened (a sender may be waiting on the connection that ended).
     */
    private void tellWritable(boolean writable, boolean always) {
        if ((writable != toldWritable || always) && open) {
            toldWritable = writable;
            session.onWritabilityChanged(writable);
        }
    }

    /** The session is over: it hears {@code onClosed} once. */
    private void end(@Nullable Throwable cause) {
        if (!open) {
            return;
        }
        open = false;
        waiting.clear();
        fromOtherThreads.clear();
        session.onClosed(cause);
    }

    @Override
    public void close() {
        EventLoops.runOn(loop, () -> closeRequested(false));
    }

    @Override
    public void abort() {
        EventLoops.runOn(loop, () -> closeRequested(true));
    }

    /** The session closes: the connection in use closes (or is reset), and none is made after it. */
    private void closeRequested(boolean abort) {
        closeRequested = true;
        abortRequested |= abort;
        Leg leg = current;
        if (leg == null) {
            if (!connecting) {
                end(null);
            }
            return;
        }
        leg.ending = true;
        if (abort) {
            leg.bridge().abort();
        } else {
            leg.bridge().close();
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean isWritable() {
        Leg leg = current;
        // between connections, or while one ends, messages wait here for the next
        return leg == null || leg.ending || leg.bridge().isWritable();
    }

    @Override
    public void pauseReading(ReadPause reason) {
        EventLoops.runOn(loop, () -> {
            pauses = ReadPauses.with(pauses, reason);
            Leg leg = current;
            if (leg != null) {
                leg.bridge().pauseReading(reason);
            }
        });
    }

    @Override
    public void resumeReading(ReadPause reason) {
        EventLoops.runOn(loop, () -> {
            pauses = ReadPauses.without(pauses, reason);
            Leg leg = current;
            if (leg != null) {
                leg.bridge().resumeReading(reason);
            }
        });
    }

    @Override
    public boolean inIoThread() {
        return loop.inEventLoop();
    }

    @Override
    public SocketAddress remoteAddress() {
        Leg leg = current;
        return leg != null ? leg.bridge().remoteAddress() : remote;
    }

    @Override
    public Optional<SocketAddress> proxyAddress() {
        Leg leg = current;
        return leg != null ? leg.bridge().proxyAddress() : Optional.empty();
    }

    @Override
    public SocketAddress localAddress() {
        Leg leg = current;
        return leg != null ? leg.bridge().localAddress() : local;
    }

    @Override
    public String toString() {
        return "HTTP connections to " + remoteAddress();
    }

    /** One connection's events, passed on to the session while it is the current one. */
    private final class Leg implements TransportListener {
        private @Nullable MessageBridge bridge;
        private @Nullable HttpClientExchanges exchanges;
        /** Set once this connection is being closed: nothing more is posted on it. */
        private volatile boolean ending;

        MessageBridge bridge() {
            return java.util.Objects.requireNonNull(bridge);
        }

        /** Whether a message may be posted on this connection now; see {@link HttpClientExchanges#takesMore()}. */
        boolean takesMore() {
            HttpClientExchanges x = exchanges;
            return !ending && (x == null || x.takesMore());
        }

        /** Posts what waits, as far as the connection takes it. */
        void sendWaiting() {
            MessageBridge b = bridge();
            byte[] message;
            while (current == this && open && takesMore() && (message = waiting.poll()) != null) {
                b.send(message);
            }
        }

        @Override
        public void onOpen(MessageTransport transport) {
            MessageBridge b = (MessageBridge) transport;
            bridge = b;
            HttpClientExchanges x = b.pipeline().get(HttpClientExchanges.class);
            exchanges = x;
            if (x != null) {
                x.afterResponse(this::sendWaiting);
            }
            connecting = false;
            remote = b.remoteAddress();
            local = b.localAddress();
            if (!open || closeRequested) {
                if (abortRequested) {
                    b.abort();
                } else {
                    b.close();
                }
                current = this;   // its close ends the session
                return;
            }
            current = this;
            for (ReadPause reason : ReadPauses.reasons(pauses)) {
                b.pauseReading(reason);
            }
            if (!opened) {
                opened = true;
                session.onOpen(HttpClientConnections.this);
            } else {
                tellWritable(b.isWritable(), true);
            }
            sendWaiting();
        }

        @Override
        public void onMessage(byte[] message) {
            if (current == this && open) {
                session.onMessage(message);
            }
        }

        @Override
        public void onReadComplete() {
            if (current == this && open) {
                session.onReadComplete();
            }
        }

        @Override
        public void onMessageDropped(String reason) {
            if (current == this && open) {
                session.onMessageDropped(reason);
            }
        }

        @Override
        public void onWritabilityChanged(boolean writable) {
            if (current == this && !ending) {
                tellWritable(writable, false);
            }
        }

        @Override
        public void onReadingChanged(java.util.Set<ReadPause> reasons) {
            if (current == this && open) {
                session.onReadingChanged(reasons);
            }
        }

        @Override
        public void onInputClosed() {
            // the server ended its side: nothing more comes on this connection, whatever is owed
            ending = true;
            bridge().close();
        }

        @Override
        public void onClosed(@Nullable Throwable cause) {
            ending = true;
            if (current == this) {
                current = null;
            }
            HttpClientExchanges x = exchanges;
            if (closeRequested) {
                end(cause);
                return;
            }
            if (x == null || x.failed() || x.owesReadAnswers()) {
                int owed = x == null ? 0 : x.owed();
                end(cause != null ? cause : new IOException("the HTTP server closed the connection with "
                        + owed + (owed == 1 ? " answer" : " answers") + " owed"));
                return;
            }
            // the server ended a connection that owed nothing it had read: messages wait for the next
            // one, and what it did not read is posted again
            tellWritable(true, true);
            List<byte[]> unread = x.unreadByServer();
            for (int i = unread.size() - 1; i >= 0; i--) {
                waiting.addFirst(unread.get(i));
            }
            if (!waiting.isEmpty()) {
                reconnect();
            }
        }
    }
}
