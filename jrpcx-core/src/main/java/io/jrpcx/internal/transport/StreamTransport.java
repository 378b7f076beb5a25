package io.jrpcx.internal.transport;

import io.jrpcx.framing.FrameSink;
import io.jrpcx.framing.Framer;
import io.jrpcx.internal.concurrent.VirtualThreads;
import io.jrpcx.transport.MessageTransport;
import io.jrpcx.transport.ReadPause;
import io.jrpcx.transport.TransportListener;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A {@link MessageTransport} over a pair of blocking streams: a child process's pipes, or this
 * process's own stdin and stdout. No Netty channel is involved, but the contract is the channel
 * transports': every listener call comes from one Netty event loop (so inline handlers and the "never
 * block on an I/O thread" rule work as on a socket), a reader thread feeds the framer one chunk at a time
 * and reads no further while any {@link ReadPause} holds, and a writer thread frames and writes what is
 * sent, flushing when its queue runs dry.
 *
 * <p>The connection ends when both sides are done: the output is closed (after what was queued, or at
 * once on abort), then the {@link End} finishes (a child process exits, within a grace period, or is
 * destroyed), and then the listener hears {@link TransportListener#onClosed} with the first cause.
 *
 * <pre>{@code
 * StreamTransport t = StreamTransport.start(in, out, framer, listener, loop, end);
 * }</pre>
 */
public final class StreamTransport implements MessageTransport {
    private static final long QUEUE_HIGH = 64 * 1024;
    private static final long QUEUE_LOW = 32 * 1024;
    private static final int CHUNK = 64 * 1024;
    /** Queued after the last message: the writer closes the output when it reaches it. */
    private static final byte[] END_OF_OUTPUT = new byte[0];

    /** The other end of the streams: what to do once the output is closed, and how to name it. */
    public interface End {
        /**
         * Called once, on a thread of its own, after the output has been closed; may block until the
         * other end has finished. Returns the cause to report for the close, or null for a clean one.
         *
         * @param aborted the transport was aborted (or failed), not closed gracefully
         * @param peerEndedFirst the other end closed its output before this side asked to close
         */
        @Nullable Throwable finish(boolean aborted, boolean peerEndedFirst);

        /** Whether the end of input closes the transport at once (a child process that ended). */
        boolean closeOnEndOfInput();

        SocketAddress remoteAddress();

        SocketAddress localAddress();
    }

    private final InputStream in;
    private final OutputStream out;
    private final Framer framer;
    private final TransportListener listener;
    private final EventLoop loop;
    private final End end;
    private final String name;
    private final LinkedBlockingQueue<byte[]> outbound = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final ReentrantLock gate = new ReentrantLock();
    private final Condition readable = gate.newCondition();
    private volatile boolean aborted;
    private volatile boolean overHigh;
    private volatile boolean peerEndedFirst;
    private volatile boolean closed;
    private volatile @Nullable Throwable failure;
    /** Touched on the loop only. */
    private int pauses;
    private boolean reportedWritable = true;
    private boolean inputClosed;
    private boolean closedNotified;
    /** A chunk read while reading was paused, and what its reader waits on; on the loop only. */
    private @Nullable ByteBuffer held;
    private @Nullable CompletableFuture<Void> heldDone;
    /** Read by the reader under {@link #gate}; written on the loop under it. */
    private int readerPauses;

    private StreamTransport(InputStream in, OutputStream out, Framer framer, TransportListener listener,
                            EventLoop loop, End end, String name) {
        this.in = in;
        this.out = out;
        this.framer = framer;
        this.listener = listener;
        this.loop = loop;
        this.end = end;
        this.name = name;
    }

    /**
     * Opens a transport over {@code in} and {@code out}: the listener hears {@link TransportListener#onOpen}
     * on {@code loop} before this returns, then the reader and writer start.
     */
    public static StreamTransport start(InputStream in, OutputStream out, Framer framer, TransportListener listener,
                                        EventLoop loop, End end, String name) {
        StreamTransport t = new StreamTransport(in, out, framer, listener, loop, end, name);
        loop.execute(() -> {
            try {
                listener.onOpen(t);
            } finally {
                t.opened.complete(null);
            }
        });
        if (!loop.inEventLoop()) {
            t.opened.join();
        }
        VirtualThreads.start(name + "/reader", t::readLoop);
        VirtualThreads.start(name + "/writer", t::writeLoop);
        return t;
    }

    // ---- sending ----

    @Override
    public void send(byte[] message) {
        framer.check(message);
        if (closing.get()) {
            return;
        }
        outbound.add(message);
        if (queuedBytes.addAndGet(message.length) > QUEUE_HIGH && !overHigh) {
            overHigh = true;
            loop.execute(this::reportWritability);
        }
    }

    private void writeLoop() {
        try {
            while (true) {
                byte[] message = outbound.take();
                if (message == END_OF_OUTPUT || aborted) {
                    break;
                }
                framer.writeFramed(message, this::write);
                if (queuedBytes.addAndGet(-message.length) <= QUEUE_LOW && overHigh) {
                    overHigh = false;
                    loop.execute(this::reportWritability);
                }
                if (outbound.isEmpty()) {
                    out.flush();
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            fail(e instanceof java.io.UncheckedIOException u ? u.getCause() : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        outbound.clear();
        queuedBytes.set(0);
        try {
            out.close();
        } catch (IOException e) {
            // the other end is gone already: nothing left to tell it
        }
        Throwable cause = null;
        try {
            cause = end.finish(aborted, peerEndedFirst);
        } catch (RuntimeException e) {
            cause = e;
        }
        Throwable why = cause != null ? cause : failure;
        closed = true;
        wakeReader();
        loop.execute(() -> notifyClosed(why));
    }

    private void write(byte[] bytes, int offset, int length) {
        try {
            out.write(bytes, offset, length);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void reportWritability() {
        boolean writable = !overHigh;
        if (writable == reportedWritable || closedNotified) {
            return;
        }
        reportedWritable = writable;
        setPauses(writable ? ReadPauses.without(pauses, ReadPause.NOT_WRITABLE)
                : ReadPauses.with(pauses, ReadPause.NOT_WRITABLE));
        listener.onWritabilityChanged(writable);
    }

    @Override
    public void close() {
        if (closing.compareAndSet(false, true)) {
            outbound.add(END_OF_OUTPUT);
        }
    }

    @Override
    public void abort() {
        aborted = true;
        closing.set(true);
        outbound.clear();
        outbound.add(END_OF_OUTPUT);
    }

    private void fail(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        abort();
    }

    @Override
    public boolean isOpen() {
        return !closed && !finished.get();
    }

    @Override
    public boolean isWritable() {
        return !closing.get() && queuedBytes.get() <= QUEUE_HIGH;
    }

    // ---- reading ----

    private void readLoop() {
        byte[] buffer = new byte[CHUNK];
        try {
            while (awaitReadable()) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                if (n == 0) {
                    continue;
                }
                ByteBuffer chunk = ByteBuffer.wrap(java.util.Arrays.copyOf(buffer, n));
                CompletableFuture<Void> delivered = new CompletableFuture<>();
                loop.execute(() -> deliverOrHold(chunk, delivered));
                delivered.join();
            }
        } catch (IOException e) {
            if (!closing.get()) {
                fail(e);
                return;
            }
        } catch (InterruptedException e) {
            return;
        }
        if (!closing.get()) {
            peerEndedFirst = true;
        }
        loop.execute(this::endOfInput);
    }

    /** Waits while reading is paused; false once the transport has closed. */
    private boolean awaitReadable() throws InterruptedException {
        gate.lock();
        try {
            while (readerPauses != 0 && !closed) {
                readable.await();
            }
            return !closed;
        } finally {
            gate.unlock();
        }
    }

    private void wakeReader() {
        gate.lock();
        try {
            readable.signalAll();
        } finally {
            gate.unlock();
        }
    }

    private final FrameSink sink = FrameSink.of(this::framed, this::inputDropped, this::inputFatal);

    private void framed(byte[] message) {
        if (!closedNotified && !aborted) {
            listener.onMessage(message);
        }
    }

    private void inputDropped(String reason) {
        listener.onMessageDropped(reason);
    }

    /** Nothing more can be read: answer what is in hand, then close. */
    private void inputFatal(String reason) {
        if (failure == null) {
            failure = new IOException(reason);
        }
        listener.onMessageDropped(reason);
        endOfInput();
        close();
    }

    /**
     * On the loop: delivers a chunk, or holds it while reading is paused (the pause was set while the
     * reader was already waiting for these bytes), so nothing is delivered while a pause holds.
     */
    private void deliverOrHold(ByteBuffer chunk, CompletableFuture<Void> delivered) {
        if (pauses != 0 && !closedNotified) {
            held = chunk;
            heldDone = delivered;
            return;
        }
        try {
            deliver(chunk);
        } finally {
            delivered.complete(null);
        }
    }

    /** On the loop: one chunk through the framer to the listener. */
    private void deliver(ByteBuffer chunk) {
        if (closedNotified || inputClosed) {
            return;
        }
        try {
            framer.feed(chunk, sink);
            listener.onReadComplete();
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void endOfInput() {
        if (!inputClosed && !closedNotified) {
            inputClosed = true;
            listener.onInputClosed();
        }
        if (end.closeOnEndOfInput()) {
            close();
        }
    }

    @Override
    public void pauseReading(ReadPause reason) {
        EventLoops.runOn(loop, () -> setPauses(ReadPauses.with(pauses, reason)));
    }

    @Override
    public void resumeReading(ReadPause reason) {
        EventLoops.runOn(loop, () -> setPauses(ReadPauses.without(pauses, reason)));
    }

    private void setPauses(int newPauses) {
        int old = pauses;
        pauses = newPauses;
        gate.lock();
        try {
            readerPauses = newPauses;
            if (newPauses == 0) {
                readable.signalAll();
            }
        } finally {
            gate.unlock();
        }
        if ((old == 0) != (newPauses == 0) && !closedNotified) {
            listener.onReadingChanged(ReadPauses.reasons(newPauses));
        }
        ByteBuffer chunk = held;
        CompletableFuture<Void> done = heldDone;
        if (pauses == 0 && chunk != null && done != null) {
            held = null;
            heldDone = null;
            deliverOrHold(chunk, done);
        }
    }


    private void notifyClosed(@Nullable Throwable cause) {
        finished.set(true);
        CompletableFuture<Void> done = heldDone;
        if (done != null) {
            held = null;
            heldDone = null;
            done.complete(null);
        }
        if (!closedNotified) {
            closedNotified = true;
            listener.onClosed(cause);
        }
    }

    /** Completes when the listener has heard {@link TransportListener#onOpen}. */
    public CompletableFuture<Void> opened() {
        return opened;
    }

    @Override
    public boolean inIoThread() {
        return loop.inEventLoop();
    }

    @Override
    public SocketAddress remoteAddress() {
        return end.remoteAddress();
    }

    @Override
    public SocketAddress localAddress() {
        return end.localAddress();
    }

    @Override
    public String toString() {
        return name;
    }
}
