package io.jrpcx.concurrent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A group of tasks, each on its own virtual thread, that ends together: structured concurrency with
 * curio's semantics, without preview APIs.
 *
 * <h2>Joining</h2>
 * {@link #join()} waits as its {@link Wait} policy says ({@link Wait#ALL} by default), then cancels every
 * task still running, daemon tasks included, and waits for the cancelled tasks to finish. A task that
 * fails or is cancelled ends the wait at once under every policy. {@code join()} never throws a task's
 * exception: ask {@link #result()}, {@link #exception()}, {@link #results()} or {@link #exceptions()}
 * afterwards (they throw {@link IllegalStateException} before the group is joined). Calling
 * {@code join()} again does nothing; spawning into a joined group throws {@link IllegalStateException}.
 * Tasks may be spawned while {@code join()} waits. If the joining thread is interrupted, every task is
 * cancelled and waited for, then {@code join()} throws {@link InterruptedException}.
 *
 * <h2>Cancellation is interruption</h2>
 * Cancelling a task interrupts its thread. A task that ignores interruption (a busy loop, a blocking call
 * that is not interruptible) keeps running, and every wait for it, {@code join()} and
 * {@link #cancelRemaining()} included, lasts until it ends on its own.
 *
 * <h2>Daemon tasks</h2>
 * A task spawned with {@link #spawnDaemon(Callable)} is never waited for, its outcome is ignored and it is
 * not reported by {@link #nextDone()}; {@code join()} cancels it and waits for it.
 *
 * <h2>Leaving a block</h2>
 * Closing the group joins it, so a try-with-resources block waits for its tasks. Java does not tell
 * {@link #close()} whether its block is being left by an exception; {@link #run(CheckedCallable)} does
 * know, and there an exception first cancels the remaining tasks (as {@link #cancelRemaining()}), then
 * joins, then propagates.
 *
 * <h2>Memory</h2>
 * A finished task never keeps its thread or its body. By default a group retains its finished tasks so
 * that {@link #nextDone()}, iteration and {@link #results()} can report them. A group built with
 * {@link Builder#retainFinished(boolean) retainFinished(false)} releases each task as it completes and
 * holds memory for running tasks only, so it can live for a whole session and run millions of tasks; it
 * still applies its wait policy and keeps {@link #completed()}, {@link #result()} and
 * {@link #exception()}, but cannot report individual finished tasks. Daemon tasks are always released
 * as they complete.
 *
 * <pre>{@code
 * try (TaskGroup group = TaskGroup.create()) {
 *     Task<String> a = group.spawn(() -> fetch("a"));
 *     Task<String> b = group.spawn(() -> fetch("b"));
 *     group.spawnDaemon(() -> heartbeat());
 *     group.join();
 *     System.out.println(group.results());      // [A, B], or a TaskFailedException
 * }
 * }</pre>
 */
public final class TaskGroup implements AutoCloseable, Iterable<Task<?>> {
    private static final AtomicLong GROUPS = new AtomicLong();

    private final Wait wait;
    private final boolean retainFinished;
    private final String name;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Running non-daemon tasks. */
    private final Set<TaskImpl<?>> running = new LinkedHashSet<>();
    private final Set<TaskImpl<?>> runningDaemons = new LinkedHashSet<>();
    /** Finished non-daemon tasks not yet reported by nextDone() or seen by join() (retaining only). */
    private final ArrayDeque<TaskImpl<?>> done = new ArrayDeque<>();
    /** Every non-daemon task in spawn order (retaining only). */
    private final List<TaskImpl<?>> retained = new ArrayList<>();
    private @Nullable TaskImpl<?> completed;
    /** Releasing groups: the wait policy is satisfied (judged as tasks finish). */
    private boolean ended;
    /** join() is cancelling the rest: no more spawns. */
    private boolean closing;
    private volatile boolean joined;
    private long spawned;

    private TaskGroup(Builder builder) {
        this.wait = builder.wait;
        this.retainFinished = builder.retainFinished;
        String n = builder.name;
        this.name = n != null ? n : "taskgroup-" + GROUPS.incrementAndGet();
    }

    /** {@return a group that waits for all its tasks ({@link Wait#ALL})} */
    public static TaskGroup create() {
        return builder().build();
    }

    /**
     * {@return a group with the given wait policy}
     *
     * @param wait when {@link #join()} stops waiting
     */
    public static TaskGroup withWait(Wait wait) {
        return builder().wait(wait).build();
    }

    /** {@return a builder for a group with a wait policy, a name and a retention choice} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder with this group's settings} */
    public Builder toBuilder() {
        return new Builder().wait(wait).name(name).retainFinished(retainFinished);
    }

    /**
     * {@return the group's name; its tasks' threads are named {@code name/task-N} and {@code name/daemon-N}}
     */
    public String name() {
        return name;
    }

    /** {@return the wait policy of {@link #join()}} */
    public Wait waitPolicy() {
        return wait;
    }

    /** {@return whether finished tasks are retained for reporting (see "Memory" above)} */
    public boolean retainsFinished() {
        return retainFinished;
    }

    // ---------------------------------------------------------------- spawning

    /**
     * Starts {@code body} as a task of this group on a new virtual thread.
     *
     * @param <T> the task's result type
     * @param body the task's code; what it returns is the task's result
     * @return the new task, already running
     * @throws IllegalStateException if the group has been joined or is being joined and cancelling
     */
    public <T extends @Nullable Object> Task<T> spawn(Callable<? extends T> body) {
        return start(body, false);
    }

    /**
     * Starts {@code body} as a task of this group; the task's result is {@code null}.
     *
     * @param body the task's code
     * @return the new task, already running
     */
    public Task<@Nullable Void> spawn(Runnable body) {
        return start(callable(body), false);
    }

    /**
     * Starts {@code body} as a daemon task: never waited for, its outcome ignored, cancelled by join.
     *
     * @param <T> the task's result type
     * @param body the task's code
     * @return the new daemon task, already running
     */
    public <T extends @Nullable Object> Task<T> spawnDaemon(Callable<? extends T> body) {
        return start(body, true);
    }

    /**
     * Starts {@code body} as a daemon task; the task's result is {@code null}.
     *
     * @param body the task's code
     * @return the new daemon task, already running
     */
    public Task<@Nullable Void> spawnDaemon(Runnable body) {
        return start(callable(body), true);
    }

    private static Callable<@Nullable Void> callable(Runnable body) {
        Objects.requireNonNull(body, "body");
        return () -> {
            body.run();
            return null;
        };
    }

    private <T extends @Nullable Object> Task<T> start(Callable<? extends T> body, boolean daemon) {
        Objects.requireNonNull(body, "body");
        TaskImpl<T> task;
        lock.lock();
        try {
            if (closing || joined) {
                throw new IllegalStateException("task group " + name + " terminated");
            }
            long n = ++spawned;
            task = new TaskImpl<>(this, name + (daemon ? "/daemon-" : "/task-") + n, daemon, body);
            if (daemon) {
                runningDaemons.add(task);
            } else {
                running.add(task);
                if (retainFinished) {
                    retained.add(task);
                }
            }
        } finally {
            lock.unlock();
        }
        task.start();
        return task;
    }

    /** Called by a task's own thread once its outcome is set. */
    void taskDone(TaskImpl<?> task) {
        lock.lock();
        try {
            if (task.isDaemon()) {
                runningDaemons.remove(task);
            } else {
                running.remove(task);
                if (retainFinished) {
                    done.add(task);
                } else if (!ended && !closing && satisfies(task)) {
                    ended = true;
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Applies the wait policy to a finished task (under the lock); returns whether the wait is over. */
    private boolean satisfies(TaskImpl<?> task) {
        boolean succeeded = task.state() == Task.State.SUCCEEDED;
        switch (wait) {
            case ALL -> {
                if (completed == null) {
                    completed = task;
                }
                return !succeeded;
            }
            case ANY -> {
                completed = task;
                return true;
            }
            case OBJECT -> {
                if (!succeeded || task.rawValue() != null) {
                    completed = task;
                    return true;
                }
                return false;
            }
            case NONE -> {
                return true;
            }
        }
        throw new AssertionError(wait);
    }

    // ---------------------------------------------------------------- joining

    /**
     * Waits as the wait policy says, then cancels every task still running (daemons included) and waits
     * for them. Does not throw task exceptions. Returns at once if the group is already joined.
     *
     * @throws InterruptedException if the calling thread is interrupted; every task has been cancelled
     *     and has finished by then, and the group is joined
     * @throws IllegalStateException if called by a task of this group, which would wait for itself
     */
    public void join() throws InterruptedException {
        if (joined) {
            return;
        }
        if (TaskImpl.currentIsIn(this)) {
            throw new IllegalStateException("a task of task group " + name + " cannot join it");
        }
        boolean interrupted = false;
        try {
            awaitPolicy();
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (cancelAllAndAwait() || interrupted) {
            throw new InterruptedException("interrupted while joining task group " + name);
        }
    }

    private void awaitPolicy() throws InterruptedException {
        lock.lock();
        try {
            if (wait == Wait.NONE) {
                return;
            }
            while (true) {
                if (retainFinished) {
                    TaskImpl<?> task = done.poll();
                    if (task != null) {
                        if (satisfies(task)) {
                            return;
                        }
                        continue;
                    }
                } else if (ended) {
                    return;
                }
                if (running.isEmpty()) {
                    return;
                }
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Cancels every running task and waits for all to finish; returns whether an interrupt arrived. */
    private boolean cancelAllAndAwait() {
        List<TaskImpl<?>> toCancel;
        lock.lock();
        try {
            closing = true;
            toCancel = new ArrayList<>(running);
            toCancel.addAll(runningDaemons);
        } finally {
            lock.unlock();
        }
        for (TaskImpl<?> task : toCancel) {
            task.cancel();
        }
        boolean waited = false;
        lock.lock();
        try {
            while (!running.isEmpty() || !runningDaemons.isEmpty()) {
                changed.awaitUninterruptibly();
                waited = true;
            }
            joined = true;
        } finally {
            lock.unlock();
        }
        return waited && Thread.interrupted();
    }

    /**
     * Cancels the running non-daemon tasks and waits for them to finish; daemon tasks keep running, and
     * so does the calling task when a task of the group calls it. Does not throw task exceptions and does
     * not join the group: the cancelled tasks are reported like any
     * other finished task, so a later {@link #join()} sees a cancelled task and ends.
     *
     * @throws InterruptedException if interrupted while waiting; the tasks have been cancelled
     */
    public void cancelRemaining() throws InterruptedException {
        for (TaskImpl<?> task : cancelRunning()) {
            task.awaitDone();
        }
    }

    private List<TaskImpl<?>> cancelRunning() {
        List<TaskImpl<?>> toCancel;
        lock.lock();
        try {
            toCancel = new ArrayList<>(running);
        } finally {
            lock.unlock();
        }
        toCancel.removeIf(TaskImpl::isCurrent);
        for (TaskImpl<?> task : toCancel) {
            task.cancel();
        }
        return toCancel;
    }

    /**
     * Joins the group: the end of a try-with-resources block.
     *
     * @throws TaskCancelledException if the thread is interrupted while joining; every task has been
     *     cancelled and has finished, and the thread's interrupt status is set again
     */
    @Override
    public void close() {
        try {
            join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskCancelledException("interrupted while joining task group " + name, e);
        }
    }

    /**
     * Runs {@code body} (which spawns tasks into this group), then joins the group and returns the body's
     * result. If the body throws, the remaining tasks are cancelled and waited for first (as
     * {@link #cancelRemaining()}), then the group is joined, then the body's exception propagates.
     *
     * <pre>{@code
     * TaskGroup group = TaskGroup.withWait(Wait.ANY);
     * group.run(() -> {
     *     group.spawn(() -> ask(primary));
     *     group.spawn(() -> ask(backup));
     *     return null;
     * });
     * Object first = group.result();
     * }</pre>
     *
     * @param <T> the body's result type
     * @param <X> the checked exception the body may throw
     * @param body the code that spawns the group's tasks; it runs on the calling thread
     * @return what {@code body} returned
     * @throws InterruptedException if interrupted while joining after a normal body
     * @throws X when the body throws it (after the group's tasks were cancelled and waited for)
     */
    public <T extends @Nullable Object, X extends Exception> T run(CheckedCallable<? extends T, X> body)
            throws X, InterruptedException {
        T value;
        try {
            value = body.call();
        } catch (Throwable e) {
            cancelAndJoinQuietly();
            throw e;
        }
        join();
        return value;
    }

    private void cancelAndJoinQuietly() {
        boolean interrupted = false;
        for (TaskImpl<?> task : cancelRunning()) {
            interrupted |= task.awaitDoneUninterruptibly();
        }
        while (true) {
            try {
                join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- reporting finished tasks

    /**
     * Waits for the next non-daemon task to finish and returns it, or returns {@code null} if none is
     * running and every finished one has been reported. Tasks reported here are not seen by
     * {@link #join()}, so they do not count for {@link #completed()}.
     *
     * @return the finished task, or {@code null} when no task is left to report
     * @throws IllegalStateException if the group does not retain finished tasks
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public @Nullable Task<?> nextDone() throws InterruptedException {
        requireRetaining("nextDone()");
        lock.lock();
        try {
            while (true) {
                TaskImpl<?> task = done.poll();
                if (task != null) {
                    return task;
                }
                if (running.isEmpty()) {
                    return null;
                }
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the result of the {@link #nextDone() next finished task}.
     *
     * @return that task's result, which may be {@code null}
     * @throws NoRemainingTasksException if no task remains
     * @throws TaskFailedException if that task failed
     * @throws TaskCancelledException if that task was cancelled
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public @Nullable Object nextResult() throws InterruptedException {
        Task<?> task = nextDone();
        if (task == null) {
            throw new NoRemainingTasksException();
        }
        return task.result();
    }

    /**
     * Iterates over the non-daemon tasks as they finish, as {@link #nextDone()} reports them; the
     * iteration ends when none remains. {@code hasNext()} blocks; if the thread is interrupted there, it
     * throws {@link TaskCancelledException} with the interrupt status set again.
     */
    @Override
    public Iterator<Task<?>> iterator() {
        requireRetaining("iteration");
        return new Iterator<>() {
            private @Nullable Task<?> next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = nextDone();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new TaskCancelledException("interrupted while waiting for a task of " + name, e);
                    }
                }
                return next != null;
            }

            @Override
            public Task<?> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Task<?> task = next;
                next = null;
                assert task != null;
                return task;
            }
        };
    }

    // ---------------------------------------------------------------- state

    /**
     * The non-daemon tasks of the group in spawn order: all of them when finished tasks are retained,
     * the running ones otherwise. A snapshot.
     *
     * @return a new list; empty when the group has no such task
     */
    public List<Task<?>> tasks() {
        lock.lock();
        try {
            return List.copyOf(retainFinished ? retained : running);
        } finally {
            lock.unlock();
        }
    }

    /** {@return the running daemon tasks in spawn order} A snapshot. */
    public List<Task<?>> daemons() {
        lock.lock();
        try {
            return List.copyOf(runningDaemons);
        } finally {
            lock.unlock();
        }
    }

    /** {@return whether {@link #join()} has completed} */
    public boolean joined() {
        return joined;
    }

    /**
     * The task that ended {@link #join()}'s wait: the first task seen to finish ({@link Wait#ALL},
     * {@link Wait#ANY}), the first to return non-null or fail ({@link Wait#OBJECT}); {@code null} if
     * none did, or before any did. Tasks reported by {@link #nextDone()} do not count.
     *
     * @return that task, or {@code null}
     */
    public @Nullable Task<?> completed() {
        lock.lock();
        try {
            return completed;
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@return the result of the {@link #completed()} task}
     *
     * @throws IllegalStateException if the group is not joined, or no task completed
     * @throws TaskFailedException if the completed task failed
     * @throws TaskCancelledException if the completed task was cancelled
     */
    public @Nullable Object result() {
        Task<?> task = completedAfterJoin();
        if (task == null) {
            throw new IllegalStateException("no task successfully completed in task group " + name);
        }
        return task.result();
    }

    /**
     * The exception of the {@link #completed()} task, as {@link Task#exception()}; {@code null} if it
     * succeeded or if no task completed.
     *
     * @return that exception, or {@code null}
     * @throws IllegalStateException if the group is not joined
     */
    public @Nullable Throwable exception() {
        Task<?> task = completedAfterJoin();
        return task == null ? null : task.exception();
    }

    /**
     * {@return the results of all non-daemon tasks in spawn order}
     *
     * @throws IllegalStateException if the group is not joined or does not retain finished tasks
     * @throws TaskFailedException for the first task in spawn order that failed
     * @throws TaskCancelledException for the first task in spawn order that was cancelled
     */
    public List<@Nullable Object> results() {
        List<@Nullable Object> results = new ArrayList<>();
        for (Task<?> task : retainedAfterJoin("results()")) {
            results.add(task.result());
        }
        return results;
    }

    /**
     * The exceptions of all non-daemon tasks in spawn order, as {@link Task#exception()}: {@code null}
     * for a task that succeeded.
     *
     * @return a new list with one element per task, in spawn order
     * @throws IllegalStateException if the group is not joined or does not retain finished tasks
     */
    public List<@Nullable Throwable> exceptions() {
        List<@Nullable Throwable> exceptions = new ArrayList<>();
        for (Task<?> task : retainedAfterJoin("exceptions()")) {
            exceptions.add(task.exception());
        }
        return exceptions;
    }

    private @Nullable Task<?> completedAfterJoin() {
        requireJoined();
        return completed();
    }

    private List<Task<?>> retainedAfterJoin(String what) {
        requireJoined();
        requireRetaining(what);
        return tasks();
    }

    private void requireJoined() {
        if (!joined) {
            throw new IllegalStateException("task group " + name + " not yet joined");
        }
    }

    private void requireRetaining(String what) {
        if (!retainFinished) {
            throw new IllegalStateException(what + " needs finished tasks, which task group " + name
                    + " releases (retainFinished is false)");
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "TaskGroup[" + name + ", wait=" + wait + ", running=" + running.size() + ", daemons="
                    + runningDaemons.size() + (joined ? ", joined]" : "]");
        } finally {
            lock.unlock();
        }
    }

    /**
     * Settings for a {@link TaskGroup}.
     *
     * <pre>{@code
     * TaskGroup sessionTasks = TaskGroup.builder()
     *         .name("session-42")
     *         .retainFinished(false)      // runs for hours: keep running tasks only
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private Wait wait = Wait.ALL;
        private @Nullable String name;
        private boolean retainFinished = true;

        private Builder() {}

        /**
         * The wait policy of join(); {@link Wait#ALL} by default.
         *
         * @param wait when {@link TaskGroup#join()} stops waiting
         * @return this builder
         */
        public Builder wait(Wait wait) {
            this.wait = Objects.requireNonNull(wait, "wait");
            return this;
        }

        /**
         * The group's name, used in thread names; {@code taskgroup-N} by default.
         *
         * @param name a name for logs and thread names, not empty
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Whether finished non-daemon tasks are retained so that {@link TaskGroup#nextDone()}, iteration,
         * {@link TaskGroup#results()} and {@link TaskGroup#exceptions()} can report them ({@code true},
         * the default), or released as they complete so that the group holds memory for running tasks
         * only ({@code false}).
         *
         * @param retainFinished {@code true} to keep finished tasks for reporting, {@code false} to let them go
         * @return this builder
         */
        public Builder retainFinished(boolean retainFinished) {
            this.retainFinished = retainFinished;
            return this;
        }

        /** {@return a new, empty group with these settings} */
        public TaskGroup build() {
            return new TaskGroup(this);
        }
    }
}
