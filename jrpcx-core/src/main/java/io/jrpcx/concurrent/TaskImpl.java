package io.jrpcx.concurrent;

import io.jrpcx.internal.concurrent.VirtualThreads;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/** A task of a {@link TaskGroup}: a body run once on its own virtual thread. */
final class TaskImpl<T extends @Nullable Object> implements Task<T> {
    private static final ThreadLocal<@Nullable TaskImpl<?>> CURRENT = new ThreadLocal<>();

    private final TaskGroup group;
    private final String name;
    private final boolean daemon;
    private @Nullable Callable<? extends T> body;
    /** The task's thread until it has finished; then null, so a finished task holds no thread. */
    private volatile @Nullable Thread thread;
    private volatile boolean cancelRequested;
    private volatile State state = State.RUNNING;
    private @Nullable T value;
    private @Nullable Throwable failure;

    TaskImpl(TaskGroup group, String name, boolean daemon, Callable<? extends T> body) {
        this.group = group;
        this.name = name;
        this.daemon = daemon;
        this.body = body;
        this.thread = VirtualThreads.unstarted(name, this::run);
    }

    /** Whether the task running the current thread, if any, has been asked to cancel. */
    static boolean currentCancelRequested() {
        TaskImpl<?> current = CURRENT.get();
        return current != null && current.cancelRequested;
    }

    /** Whether the current thread runs a task of {@code group}. */
    static boolean currentIsIn(TaskGroup group) {
        TaskImpl<?> current = CURRENT.get();
        return current != null && current.group == group;
    }

    /** Whether this task runs the current thread. */
    boolean isCurrent() {
        return CURRENT.get() == this;
    }

    /** Starts the thread; if it cannot be started, the task finishes as failed. */
    void start() {
        Thread t = thread;
        assert t != null;
        try {
            t.start();
        } catch (Throwable e) {
            finish(null, e);
        }
    }

    private void run() {
        CURRENT.set(this);
        Callable<? extends T> b = body;
        assert b != null;
        T result;
        try {
            if (cancelRequested) {
                throw new InterruptedException("cancelled before it started");
            }
            result = b.call();
        } catch (Throwable e) {
            finish(null, e);
            return;
        } finally {
            CURRENT.remove();
        }
        finish(result, null);
    }

    private void finish(@Nullable T result, @Nullable Throwable thrown) {
        body = null;
        if (thrown == null) {
            value = result;
            state = State.SUCCEEDED;
        } else if (cancelRequested) {
            failure = new TaskCancelledException("task " + name + " was cancelled", thrown);
            state = State.CANCELLED;
        } else {
            failure = thrown;
            state = State.FAILED;
        }
        group.taskDone(this);
        thread = null;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isDaemon() {
        return daemon;
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public void cancel() {
        if (state != State.RUNNING) {
            return;
        }
        cancelRequested = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public T join() throws InterruptedException {
        awaitDone();
        return result();
    }

    /** Waits until the task has finished and its group knows it. */
    void awaitDone() throws InterruptedException {
        Thread t = thread;
        if (t == null) {
            return;
        }
        if (t == Thread.currentThread()) {
            throw new IllegalStateException("task " + name + " cannot wait for itself");
        }
        t.join();
    }

    /** Waits like {@link #awaitDone()} but through interrupts; returns whether one arrived meanwhile. */
    boolean awaitDoneUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                awaitDone();
                return interrupted;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }

    /** The raw result of a succeeded task, without state checks (for the group's wait policy). */
    @Nullable Object rawValue() {
        return value;
    }

    @Override
    public T result() {
        return switch (state) {
            case RUNNING -> throw new IllegalStateException("task " + name + " is still running");
            case SUCCEEDED -> value;
            case FAILED -> throw new TaskFailedException(name, requireFailure());
            case CANCELLED -> throw new TaskCancelledException("task " + name + " was cancelled",
                    requireFailure().getCause());
        };
    }

    @Override
    public @Nullable Throwable exception() {
        return switch (state) {
            case RUNNING -> throw new IllegalStateException("task " + name + " is still running");
            case SUCCEEDED -> null;
            case FAILED, CANCELLED -> failure;
        };
    }

    private Throwable requireFailure() {
        Throwable f = failure;
        assert f != null;
        return f;
    }

    @Override
    public String toString() {
        return "Task[" + name + ", " + state + (daemon ? ", daemon]" : "]");
    }
}
