package io.jrpcx.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Timeouts end code blocked in socket I/O, sleeps, locks and queue waits on virtual threads; each body
 * would block for ever, so only the deadline can end it. The thread is left with no interrupt.
 */
class BlockingOperationsTimeoutTest {
    private static final Duration SHORT = Duration.ofMillis(50);

    private ServerSocket server;

    @BeforeEach
    void listen() throws Exception {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws Exception {
        server.close();
    }

    /** Runs {@code body} under ignoreAfter on a virtual thread; returns whether it expired, cleanly. */
    private static boolean expiresOnVirtualThread(CheckedCallable<?, ?> body) throws Exception {
        return Blocking.onVirtualThread(() -> {
            assertThat(Thread.currentThread().isVirtual()).isTrue();
            Object result = Timeouts.ignoreAfter(SHORT, "expired", body);
            assertThat(Thread.currentThread().isInterrupted()).as("interrupt leaked").isFalse();
            return "expired".equals(result);
        });
    }

    @Test
    void sleep() throws Exception {
        assertThat(expiresOnVirtualThread(() -> {
            Thread.sleep(Duration.ofMinutes(5));
            return null;
        })).isTrue();
    }

    @Test
    void blockingQueueTake() throws Exception {
        LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
        assertThat(expiresOnVirtualThread(queue::take)).isTrue();
    }

    @Test
    void semaphoreAcquire() throws Exception {
        Semaphore none = new Semaphore(0);
        assertThat(expiresOnVirtualThread(() -> {
            none.acquire();
            return null;
        })).isTrue();
    }

    @Test
    void lockInterruptiblyOnALockHeldElsewhere() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = Thread.ofVirtual().start(() -> {
            lock.lock();
            try {
                held.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        });
        held.await();
        try {
            assertThat(expiresOnVirtualThread(() -> {
                lock.lockInterruptibly();
                lock.unlock();
                return null;
            })).isTrue();
        } finally {
            release.countDown();
            holder.join();
        }
    }

    @Test
    void conditionAwait() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        Condition never = lock.newCondition();
        assertThat(expiresOnVirtualThread(() -> {
            lock.lock();
            try {
                never.await();
            } finally {
                lock.unlock();
            }
            return null;
        })).isTrue();
    }

    @Test
    void futureGet() throws Exception {
        CompletableFuture<String> never = new CompletableFuture<>();
        assertThat(expiresOnVirtualThread(never::get)).isTrue();
        assertThat(expiresOnVirtualThread(() -> never.get(5, TimeUnit.MINUTES))).isTrue();
    }

    @Test
    void taskJoin() throws Exception {
        TaskGroup group = TaskGroup.create();
        Task<Object> task = group.spawn(Blocking::forever);
        assertThat(expiresOnVirtualThread(task::join)).isTrue();
        group.cancelRemaining();
        group.join();
    }

    @Test
    void socketReadOnAPeerThatNeverWrites() throws Exception {
        try (Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            InputStream in = client.getInputStream();
            assertThat(expiresOnVirtualThread(in::read)).isTrue();
            assertThat(client.isClosed()).as("interrupting socket I/O closes the socket").isTrue();
            assertThat(accepted.isClosed()).isFalse();
        }
    }

    @Test
    void socketAccept() throws Exception {
        assertThat(expiresOnVirtualThread(server::accept)).isTrue();
    }

    @Test
    void socketChannelRead() throws Exception {
        try (SocketChannel channel = SocketChannel.open(new InetSocketAddress(server.getInetAddress(),
                server.getLocalPort())); Socket accepted = server.accept()) {
            assertThat(expiresOnVirtualThread(() -> channel.read(ByteBuffer.allocate(16)))).isTrue();
            assertThat(channel.isOpen()).isFalse();
            assertThat(accepted.isClosed()).isFalse();
        }
    }

    @Test
    void socketReadUnderTimeoutAfterThrowsTaskTimeout() throws Exception {
        try (Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            Throwable thrown = Blocking.onVirtualThread(() -> {
                try {
                    Timeouts.timeoutAfter(SHORT, client.getInputStream()::read);
                    return null;
                } catch (TaskTimeoutException e) {
                    return e;
                }
            });
            assertThat(thrown).isInstanceOf(TaskTimeoutException.class)
                    .hasCauseInstanceOf(java.net.SocketException.class);
        }
    }
}
