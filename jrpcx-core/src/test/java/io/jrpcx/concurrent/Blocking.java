package io.jrpcx.concurrent;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.function.BooleanSupplier;

/** Test helpers: blocking bodies and waits that never rely on sleeping for synchronisation. */
final class Blocking {
    /** A bound no correct run comes near, even on a loaded two-core machine. */
    static final Duration GENEROUS = Duration.ofSeconds(30);

    private Blocking() {}

    /** Blocks until interrupted, then throws InterruptedException. */
    static Object forever() throws InterruptedException {
        new CountDownLatch(1).await();
        throw new AssertionError("unreachable");
    }

    /** Throws {@code e}; as an expression it makes a lambda a Callable rather than a Runnable. */
    static Object fail(RuntimeException e) {
        throw e;
    }

    /**
     * A body that counts down {@code started}, blocks until interrupted, then takes a moment to clean
     * up (ignoring further interrupts) and counts down {@code cleanedUp}.
     */
    static Runnable slowToDie(CountDownLatch started, CountDownLatch cleanedUp) {
        return () -> {
            started.countDown();
            try {
                forever();
            } catch (InterruptedException e) {
                for (int i = 0; i < 1_000; i++) {
                    Thread.onSpinWait();
                }
                cleanedUp.countDown();
            }
        };
    }

    /**
     * Spawns {@code count} tasks in {@code group}, task {@code n} returning {@code n} once gate
     * {@code n} opens; returns the gates.
     */
    static CountDownLatch[] spawnGated(TaskGroup group, int count) {
        CountDownLatch[] gates = new CountDownLatch[count];
        for (int i = 0; i < count; i++) {
            int n = i;
            gates[n] = new CountDownLatch(1);
            group.spawn(() -> {
                gates[n].await();
                return n;
            });
        }
        return gates;
    }

    /** Waits for {@code task} to finish, whatever its outcome. */
    static void awaitDone(Task<?> task) throws InterruptedException {
        try {
            task.join();
        } catch (TaskFailedException | TaskCancelledException e) {
            // the outcome is not the point here
        }
    }

    /** Spins (yielding) until {@code condition} holds; fails after {@link #GENEROUS}. */
    static void until(BooleanSupplier condition) {
        long deadline = System.nanoTime() + GENEROUS.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("condition not reached within " + GENEROUS);
            }
            Thread.yield();
        }
    }

    /** Runs {@code body} on a new virtual thread and returns its result, or throws what it threw. */
    static <T> T onVirtualThread(Callable<T> body) throws Exception {
        FutureTask<T> future = new FutureTask<>(body);
        Thread thread = Thread.ofVirtual().name("test-body").start(future);
        if (!thread.join(GENEROUS)) {
            throw new AssertionError("body did not finish within " + GENEROUS);
        }
        try {
            return future.get();
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw (Error) cause;
        }
    }

    /** Seconds elapsed since {@code startNanos}. */
    static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
