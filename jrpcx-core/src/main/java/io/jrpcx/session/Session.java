package io.jrpcx.session;

import io.jrpcx.concurrent.TaskGroup;
import io.jrpcx.internal.concurrent.TimeoutScheduler;
import io.jrpcx.internal.concurrent.VirtualThreads;
import io.jrpcx.internal.transport.EventLoops;
import io.jrpcx.transport.MessageTransport;
import io.jrpcx.transport.ReadPause;
import io.jrpcx.transport.TransportListener;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every session kind shares: one connection, its flow control, its counters and closing. A
 * session is made by a server for each connection it accepts, or by a client when it connects.
 *
 * <p>The session is the one owner of its connection's flow control and decides three things:
 * <ul>
 *   <li>may it dispatch: incoming work is admitted to handler threads by its {@link Concurrency};</li>
 *   <li>may it read: while more than {@link SessionOptions#maxBacklog()} admitted items wait for a
 *       handler, reading stops ({@link ReadPause#BACKLOG}) until half of them have started;</li>
 *   <li>may it send: while the peer does not read, a sender on its own thread waits at most
 *       {@link SessionOptions#maxSendDelay()}, then the connection is aborted; the I/O thread never
 *       waits (it reads nothing more meanwhile).</li>
 * </ul>
 *
 * <pre>{@code
 * Session session = client.connect("tcp://127.0.0.1:8000");
 * System.out.println(session + " sent " + session.stats().messagesSent());
 * session.close();
 * }</pre>
 */
public abstract sealed class Session implements AutoCloseable permits RpcSession, MessageSession {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final AtomicBoolean listenerTaken = new AtomicBoolean();
    private static final AtomicLong ABANDONED = new AtomicLong();

    private final AtomicBoolean excessiveTold = new AtomicBoolean();
    private final long abandonAfterNanos;
    private final long idleNanos;
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean readThrottled;
    private volatile io.netty.util.@Nullable Timeout unwritableWatch;
    private final SessionOptions options;
    private final SessionListener events;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final List<Consumer<? super Session>> closeListeners = new ArrayList<>();
    private boolean closeListenersRun;
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
    private volatile @Nullable Throwable lostCause;
    /** Made by a sender that waits for the connection to be writable; completed when it is again. */
    private volatile @Nullable CompletableFuture<Void> writable;
    private final Object writableLock = new Object();

    // incoming work: admitted by the concurrency, queued in the backlog; guarded by `work`
    private final Object work = new Object();
    private final Concurrency concurrency;
    private final SessionCost cost;
    private final ArrayDeque<Slot> backlog = new ArrayDeque<>();
    private long workBytes;
    private final TaskGroup tasks;
    private int unfinished;
    private boolean backlogPaused;
    private volatile boolean inputClosed;

    Session(SessionOptions options, SessionListener events) {
        this.options = options;
        this.events = events;
        this.concurrency = new Concurrency(options.maxConcurrent(), this::startWaiting);
        this.cost = new SessionCost(options, concurrency);
        this.idleNanos = options.idleTimeout().toNanos();
        long processing = options.processingTimeout().toNanos();
        // an interrupted handler normally ends at once; one still running after this grace is abandoned
        this.abandonAfterNanos = processing + Math.min(processing / 2, TimeUnit.SECONDS.toNanos(1));
        this.tasks = TaskGroup.builder().name("session-" + id).retainFinished(false).build();
    }

    /** {@return a number unique in this process} */
    public long id() {
        return id;
    }

    /** {@return the options the session was made with} */
    public SessionOptions options() {
        return options;
    }

    /**
     * The peer's address (known once connected); through a SOCKS proxy, the host and port the proxy was
     * asked to reach.
     *
     * @return the address, or {@code null} before the connection opens
     */
    public @Nullable SocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** {@return the SOCKS proxy's own address, when the session goes through one} */
    public java.util.Optional<SocketAddress> proxyAddress() {
        MessageTransport t = transport;
        return t == null ? java.util.Optional.empty() : t.proxyAddress();
    }

    /**
     * {@return the limit on incoming requests handled at once; its target may be changed while the session
     * runs}
     */
    public Concurrency incomingConcurrency() {
        return concurrency;
    }

    /** {@return what the session has cost, its limits and its throttling; see {@link SessionCost}} */
    public SessionCost cost() {
        return cost;
    }

    /** {@return true from connection until the connection closes} */
    public boolean isOpen() {
        MessageTransport t = transport;
        return t != null && !lost && t.isOpen();
    }

    /**
     * Completes when the connection has closed, for whatever reason. Actions chained on it run on a
     * thread of their own, never on an I/O thread, and may block.
     *
     * @return the future, completed with {@code null} once closed; never fails
     */
    public CompletableFuture<Void> closed() {
        return closed.copy();
    }

    /** {@return a snapshot of the counters} */
    public SessionStats stats() {
        long ls = lastSend;
        long lr = lastReceive;
        return new SessionStats(messagesSent.sum(), bytesSent.sum(), messagesReceived, bytesReceived,
                errors.sum(), requestsHandled.sum(), cost.value(), Instant.ofEpochMilli(openedAt),
                ls == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ls)),
                lr == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lr)));
    }

    /**
     * Closes gracefully: what is queued is sent, then the connection closes; if that takes longer than
     * {@link SessionOptions#closeTimeout()} the connection is aborted. Handlers still running are
     * interrupted once the connection has closed. Waits for the close to finish, unless called on an I/O
     * thread.
     */
    @Override
    public void close() {
        close(options.closeTimeout());
    }

    /**
     * As {@link #close()}, forcing the close after {@code forceAfter}.
     *
     * @param forceAfter how long the session may take to close gracefully
     */
    public void close(Duration forceAfter) {
        MessageTransport t = transport;
        if (t == null || closed.isDone()) {
            return;
        }
        startClose(t, forceAfter);
        if (!EventLoops.onEventLoop()) {
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
        if (t != null && !lost) {
            startClose(t, forceAfter);
        }
    }

    private void startClose(MessageTransport t, Duration forceAfter) {
        t.close();
        io.netty.util.Timeout force = TimeoutScheduler.schedule(() -> {
            LOG.debug("{}: close took longer than {}, aborting", this, forceAfter);
            t.abort();
        }, Math.max(0, forceAfter.toNanos()));
        closed.whenComplete((v, e) -> force.cancel());
    }

    /**
     * Stops reading from the peer until {@link #resumeReading()}: what it sends waits in the network
     * buffers, and then at the peer. Flow control's own reasons to pause (a full backlog, a peer that does
     * not read) apply besides this one.
     */
    public void pauseReading() {
        MessageTransport t = transport;
        if (t != null) {
            t.pauseReading(ReadPause.REQUESTED);
        }
    }

    /** Undoes {@link #pauseReading()}. */
    public void resumeReading() {
        MessageTransport t = transport;
        if (t != null) {
            t.resumeReading(ReadPause.REQUESTED);
        }
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

    /**
     * Runs {@code listener} once the session has closed (at once if it already has), never on an I/O thread.
     *
     * @param listener given this session, once closed
     */
    public void onClose(Consumer<? super Session> listener) {
        synchronized (closeListeners) {
            if (!closeListenersRun) {
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

    // ---- for subclasses: sending ----

    /**
     * Sends one whole message. On a thread of its own the caller waits while the peer does not read, at
     * most {@link SessionOptions#maxSendDelay()}; then the connection is aborted.
     *
     * @throws ConnectionLostException if the connection has closed, or is aborted while waiting
     * @throws CallRefusedException if the framing cannot carry the message
     */
    final void sendMessage(byte[] message) {
        MessageTransport t = transport;
        if (t == null) {
            throw new IllegalStateException(this + " is not connected");
        }
        if (lost) {
            throw connectionLost();
        }
        if (!t.isWritable() && !EventLoops.onEventLoop()) {
            awaitWritable(t);
        }
        try {
            t.send(message);
        } catch (IllegalArgumentException e) {
            throw new CallRefusedException("cannot send on " + this + ": " + e.getMessage(), e);
        }
        messagesSent.increment();
        bytesSent.add(message.length);
        cost.bytes(message.length);
        lastSend = System.currentTimeMillis();
        events.messageSent(this, message.length);
        events.messageContent(this, message, false);
    }

    /** Whether the transport only answers (the server side of HTTP): this side sends nothing of its own. */
    final boolean answersOnly() {
        MessageTransport t = transport;
        return t != null && t.answersOnly();
    }

    /** Tells a transport that only answers that the message being received gets no answer. */
    final void noReply() {
        MessageTransport t = transport;
        if (t != null) {
            t.noReply();
        }
    }

    private void awaitWritable(MessageTransport t) {
        Duration limit = options.maxSendDelay();
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            while (!t.isWritable()) {
                if (lost) {
                    throw connectionLost();
                }
                CompletableFuture<Void> signal;
                synchronized (writableLock) {
                    signal = writable;
                    if (signal == null) {
                        signal = new CompletableFuture<>();
                        writable = signal;
                    }
                }
                if (t.isWritable()) {
                    return;
                }
                signal.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            String why = "the peer read nothing for " + Durations.describe(limit);
            LOG.debug("{}: {}, aborting", this, why);
            lostCause = new java.io.IOException(why);
            t.abort();
            throw new ConnectionLostException(this + " aborted: " + why, lostCause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallCancelledException("interrupted while waiting to send on " + this);
        } catch (ExecutionException e) {
            throw connectionLost();
        }
    }

    /** The failure for a call on a session whose connection is gone. */
    final ConnectionLostException connectionLost() {
        Throwable cause = lostCause;
        return new ConnectionLostException("connection lost: " + this
                + (cause == null ? "" : " (" + cause.getMessage() + ")"), cause);
    }

    final SessionListener events() {
        return events;
    }

    final void countError() {
        countError(0);
    }

    /** Counts an error costing the base error cost plus {@code ownCost}. */
    final void countError(double ownCost) {
        countErrors(1, ownCost);
    }

    /** Counts {@code n} errors found in one message, which costs once: the base plus {@code ownCost}. */
    final void countErrors(int n, double ownCost) {
        errors.add(n);
        cost.error(ownCost);
    }

    final void countHandled() {
        requestsHandled.increment();
    }

    /** True once the connection is known to be closed, before pending requests are failed. */
    final boolean isClosed() {
        return lost;
    }

    // ---- for subclasses: incoming work ----

    /** As {@link #dispatch(Runnable, int)} for work whose message size is not known. */
    final void dispatch(Runnable job) {
        dispatch(job, 0);
    }

    /**
     * Hands a piece of incoming work to a handler thread of its own, when the concurrency admits it;
     * until then it waits in the backlog. While the backlog is over its bound, or the work admitted and
     * waiting holds more than {@link SessionOptions#maxBacklogBytes()} of messages ({@code bytes} is this
     * one's share), the session reads no more. Called on the I/O thread.
     */
    final void dispatch(Runnable job, int bytes) {
        Slot slot = new Slot(job, bytes);
        boolean start;
        boolean pause = false;
        synchronized (work) {
            unfinished++;
            workBytes += bytes;
            start = backlog.isEmpty() && concurrency.tryAcquire();
            if (!start) {
                backlog.add(slot);
            }
            if (!backlogPaused && (backlog.size() >= options.maxBacklog() || workBytes >= options.maxBacklogBytes())) {
                backlogPaused = pause = true;
            }
        }
        if (start) {
            spawn(slot);
        }
        if (pause) {
            MessageTransport t = transport;
            if (t != null) {
                t.pauseReading(ReadPause.BACKLOG);
            }
        }
    }

    private void spawn(Slot slot) {
        try {
            tasks.spawn(slot::run);
        } catch (RuntimeException e) {
            // the task group is closed: the session is going away
            slot.free();
        }
    }

    /**
     * Handler threads that ignored their interruption past {@link SessionOptions#processingTimeout()} and
     * still run, in this process. Their requests were answered and their slots given to other work; only
     * their threads remain.
     *
     * @return how many such threads there are now
     */
    public static long abandonedHandlers() {
        return ABANDONED.get();
    }

    /** Work that answers for itself when its handler is abandoned. */
    interface Abandonable extends Runnable {
        /** The handler still runs well past the processing timeout: answer for it now. */
        void abandoned();
    }

    /** One piece of dispatched work and its slot of the concurrency, freed once. */
    private final class Slot {
        private final Runnable job;
        private final int bytes;
        private final AtomicBoolean freed = new AtomicBoolean();

        Slot(Runnable job, int bytes) {
            this.job = job;
            this.bytes = bytes;
        }

        void run() {
            if (!throttled()) {
                free();
                return;
            }
            io.netty.util.Timeout watchdog = TimeoutScheduler.schedule(this::watch, abandonAfterNanos);
            try {
                job.run();
            } finally {
                watchdog.cancel();
                if (!free()) {
                    ABANDONED.decrementAndGet();
                }
            }
        }

        boolean free() {
            if (!freed.compareAndSet(false, true)) {
                return false;
            }
            concurrency.release();
            synchronized (work) {
                workBytes -= bytes;
            }
            workFinished();
            startWaiting();
            return true;
        }

        /** The handler ignored its interruption: answer for it, and give its slot to other work. */
        private void watch() {
            if (freed.get()) {
                return;
            }
            if (job instanceof Abandonable a) {
                a.abandoned();
            }
            if (free()) {
                ABANDONED.incrementAndGet();
                LOG.debug("{}: a handler ignores its interruption; its slot is freed, its thread still runs", Session.this);
            }
        }
    }

    /**
     * Makes a throttled session's request wait its delay, as aiorpcX does while it holds its slot; false
     * when interrupted meanwhile (the session is closing).
     */
    private boolean throttled() {
        long delay = cost.delayNanos();
        if (delay > 0) {
            try {
                Thread.sleep(Duration.ofNanos(delay));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * While throttled, reading pauses after each message for the request delay spread over the concurrency
     * target, and at least as long as the message took on the I/O thread: a costly peer's input, requests
     * or not, is read no faster than aiorpcX would serve its requests, and its parsing takes at most half
     * of its I/O thread, so it cannot crowd out the other sessions there. Called on the I/O thread.
     */
    private void throttleReading(long ioNanos) {
        MessageTransport t = transport;
        if (t == null || readThrottled) {
            return;
        }
        long pause = Math.max(ioNanos, cost.delayNanos() / Math.max(1, concurrency.target()));
        if (pause < TimeUnit.MILLISECONDS.toNanos(1)) {
            return;
        }
        readThrottled = true;
        t.pauseReading(ReadPause.THROTTLED);
        TimeoutScheduler.schedule(() -> {
            readThrottled = false;
            t.resumeReading(ReadPause.THROTTLED);
        }, pause);
    }

    /** True while incoming work must take the dispatched path, so that the throttling delay applies. */
    final boolean isThrottled() {
        return cost.throttle() > 0;
    }

    /**
     * True once the cost has reached its hard limit; the first time, the listener hears of it. The caller
     * answers what it must, then calls {@link #closeForExcessiveCost()}.
     */
    final boolean isOverHardLimit() {
        if (!cost.isExcessive()) {
            return false;
        }
        if (!excessiveTold.getAndSet(true)) {
            LOG.info("{}: excessive resource usage ({}), disconnecting", this, cost);
            events.costExceeded(this, cost.effectiveValue());
        }
        return true;
    }

    /** Closes a session whose cost reached the hard limit. */
    final void closeForExcessiveCost() {
        startClose();
    }

    /** Starts waiting work while the concurrency admits it; resumes reading once the backlog has halved. */
    private void startWaiting() {
        List<Slot> start = null;
        boolean resume = false;
        synchronized (work) {
            while (!backlog.isEmpty() && !lost && concurrency.tryAcquire()) {
                if (start == null) {
                    start = new ArrayList<>();
                }
                start.add(backlog.poll());
            }
            if (backlogPaused && backlog.size() <= options.maxBacklog() / 2
                    && workBytes <= options.maxBacklogBytes() / 2) {
                backlogPaused = false;
                resume = true;
            }
        }
        if (start != null) {
            start.forEach(this::spawn);
        }
        if (resume) {
            MessageTransport t = transport;
            if (t != null) {
                t.resumeReading(ReadPause.BACKLOG);
            }
        }
    }

    /** A piece of incoming work is done with; the last one after the peer's end of input closes the session. */
    final void workFinished() {
        if (idleNanos > 0) {
            lastActivity = System.nanoTime();   // idle time counts from the end of the last work
        }
        boolean close;
        synchronized (work) {
            close = --unfinished == 0 && inputClosed;
        }
        if (close) {
            startClose();
        }
    }

    /** {@return how many incoming requests wait in the backlog for a handler} */
    public int backlog() {
        synchronized (work) {
            return backlog.size();
        }
    }

    // ---- what subclasses do with input ----

    /** A message arrived; called on the I/O thread. */
    abstract void messageReceived(byte[] message);

    /** The connection closed; called once, on the I/O thread, after running handlers were told to stop. */
    abstract void connectionLost(ConnectionLostException failure);

    /**
     * The listener through which a transport drives this session: give it to the one transport that
     * carries the session (servers and clients do this themselves; call it only to run a session over a
     * transport of your own).
     *
     * @return the listener
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
            events.opened(Session.this);
            if (idleNanos > 0) {
                scheduleIdleCheck(idleNanos);
            }
        }

        @Override
        public void onMessage(byte[] message) {
            messagesReceived++;
            bytesReceived += message.length;
            cost.bytes(message.length);
            if (idleNanos > 0) {
                lastActivity = System.nanoTime();
            }
            lastReceive = System.currentTimeMillis();
            events.messageReceived(Session.this, message.length);
            events.messageContent(Session.this, message, true);
            long ioNanos = 0;
            if (message.length < SessionCost.TIMED_MESSAGE_BYTES) {
                messageReceived(message);
            } else {
                // a large message can cost far more to parse and answer than its bytes say: charge its I/O time
                long start = System.nanoTime();
                messageReceived(message);
                ioNanos = System.nanoTime() - start;
                cost.ioTime(ioNanos);
            }
            if (cost.throttle() > 0) {
                throttleReading(ioNanos);
            }
        }

        @Override
        public void onInputClosed() {
            boolean close;
            synchronized (work) {
                inputClosed = true;
                close = unfinished == 0;
            }
            if (close) {
                startClose();
            }
        }

        @Override
        public void onMessageDropped(String reason) {
            countError();
            events.messageDropped(Session.this, reason);
            LOG.debug("{}: dropped input: {}", Session.this, reason);
        }

        @Override
        public void onWritabilityChanged(boolean isWritable) {
            watchUnwritable(isWritable);
            if (isWritable && writable != null) {
                CompletableFuture<Void> signal;
                synchronized (writableLock) {
                    signal = writable;
                    writable = null;
                }
                if (signal != null) {
                    signal.complete(null);
                }
            }
        }

        @Override
        public void onReadingChanged(Set<ReadPause> reasons) {
            if (reasons.isEmpty()) {
                events.readingResumed(Session.this);
            } else {
                events.readingPaused(Session.this, reasons);
            }
        }

        @Override
        public void onClosed(@Nullable Throwable cause) {
            if (cause != null) {
                LOG.debug("{}: connection failed: {}", Session.this, cause.toString());
                if (lostCause == null) {
                    lostCause = cause;
                }
            } else {
                LOG.debug("{}: closed", Session.this);
            }
            lost = true;
            List<Slot> dropped;
            synchronized (work) {
                dropped = new ArrayList<>(backlog);
                backlog.clear();
                unfinished -= dropped.size();
            }
            CompletableFuture<Void> signal = writable;
            if (signal != null) {
                signal.completeExceptionally(connectionLost());
            }
            try {
                connectionLost(connectionLost());
            } finally {
                // running handlers end at once; waiting for them, and the close callbacks, happen off the I/O thread
                Throwable why = lostCause;
                VirtualThreads.start("session-" + id + "/closed", () -> finishClose(why));
            }
        }
    }

    /**
     * A peer that reads nothing for {@link SessionOptions#maxSendDelay()} is cut off even when no sender
     * waits (answers of inline methods are queued by the I/O thread, which never waits), as aiorpcX aborts
     * it. Called on the I/O thread when writability changes.
     */
    private void watchUnwritable(boolean isWritable) {
        io.netty.util.Timeout watch = unwritableWatch;
        if (isWritable) {
            if (watch != null) {
                watch.cancel();
                unwritableWatch = null;
            }
            return;
        }
        MessageTransport t = transport;
        if (t == null || watch != null) {
            return;
        }
        Duration limit = options.maxSendDelay();
        unwritableWatch = TimeoutScheduler.schedule(() -> {
            if (!t.isWritable() && !lost) {
                String why = "the peer read nothing for " + Durations.describe(limit);
                LOG.debug("{}: {}, aborting", this, why);
                if (lostCause == null) {
                    lostCause = new java.io.IOException(why);
                }
                t.abort();
            }
        }, limit.toNanos());
    }

    /** Closes the session once it has received nothing and had no work for {@link SessionOptions#idleTimeout()}. */
    private void scheduleIdleCheck(long delayNanos) {
        // a check still scheduled after the close finds it closed: it holds the session at most one period
        TimeoutScheduler.schedule(() -> {
            if (closed.isDone() || lost) {
                return;
            }
            long busy;
            synchronized (work) {
                busy = unfinished;
            }
            long now = System.nanoTime();
            if (busy > 0) {
                lastActivity = now;
            }
            long idle = now - lastActivity;
            if (idle >= idleNanos) {
                LOG.debug("{}: idle for {}, closing", this, options.idleTimeout());
                events.idleTimedOut(this, options.idleTimeout());
                startClose();
            } else {
                scheduleIdleCheck(idleNanos - idle);
            }
        }, delayNanos);
    }

    private void finishClose(@Nullable Throwable cause) {
        try {
            // handlers are interrupted at once; one that ignores it does not hold the close up for long
            io.jrpcx.concurrent.Timeouts.ignoreAfter(options.closeTimeout(), () -> {
                tasks.cancelRemaining();
                return null;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Consumer<? super Session>> listeners;
        synchronized (closeListeners) {
            closeListenersRun = true;
            listeners = List.copyOf(closeListeners);
            closeListeners.clear();
        }
        closed.complete(null);
        events.closed(this, cause);
        for (Consumer<? super Session> listener : listeners) {
            try {
                listener.accept(this);
            } catch (RuntimeException e) {
                LOG.warn("{}: close listener failed", this, e);
            }
        }
    }
}
