package io.jrpcx.concurrent;

import org.jspecify.annotations.Nullable;

/**
 * One task of a {@link TaskGroup}, running on its own virtual thread. Cancelling a task interrupts its
 * thread: blocking calls (sleeps, locks, queue waits, socket I/O on virtual threads) then throw, and the
 * task ends as {@link State#CANCELLED}. A task that returns normally after being cancelled has
 * {@link State#SUCCEEDED}. A task that ignores interruption cannot be cancelled; it delays whoever waits
 * for it, {@link TaskGroup#join()} included.
 *
 * <pre>{@code
 * Task<Integer> task = group.spawn(() -> compute());
 * if (!task.isDone()) {
 *     task.cancel();
 * }
 * try {
 *     System.out.println(task.join());
 * } catch (TaskCancelledException | TaskFailedException e) {
 *     System.out.println(task.state());
 * }
 * }</pre>
 *
 * @param <T> the result type
 */
public interface Task<T extends @Nullable Object> {

    /**
     * The state of a task; every state but {@link #RUNNING} is final.
     *
     * <pre>{@code
     * switch (task.state()) {
     *     case SUCCEEDED -> use(task.result());
     *     case FAILED -> log.warn("failed", task.exception());
     *     case CANCELLED, RUNNING -> { }
     * }
     * }</pre>
     */
    enum State {
        /** Started and not yet finished. */
        RUNNING,
        /** Returned a result. */
        SUCCEEDED,
        /** Threw an exception without being cancelled. */
        FAILED,
        /** Was cancelled before it could return a result. */
        CANCELLED
    }

    /** {@return the name of the task, which is also the name of its thread} */
    String name();

    /** {@return whether this is a daemon task, whose outcome its group ignores} */
    boolean isDaemon();

    /** {@return the current state} */
    State state();

    /** {@return whether the task has finished, in any way} */
    default boolean isDone() {
        return state() != State.RUNNING;
    }

    /** {@return whether the task finished by being cancelled} */
    default boolean isCancelled() {
        return state() == State.CANCELLED;
    }

    /**
     * Requests cancellation by interrupting the task's thread and returns at once; does nothing to a
     * finished task. Use {@link #join()} to wait for the task to end.
     */
    void cancel();

    /**
     * Waits for the task to finish and returns its {@link #result()}.
     *
     * @return the task's result; {@code null} when the task returns nothing
     * @throws TaskFailedException if it failed; the cause is its exception
     * @throws TaskCancelledException if it was cancelled
     * @throws InterruptedException if the waiting thread is interrupted
     */
    T join() throws InterruptedException;

    /**
     * {@return the result of a finished task}
     *
     * @throws IllegalStateException if the task is still running
     * @throws TaskFailedException if it failed; the cause is its exception
     * @throws TaskCancelledException if it was cancelled
     */
    T result();

    /**
     * The exception of a finished task: {@code null} if it succeeded, its exception if it failed, and a
     * {@link TaskCancelledException} if it was cancelled.
     *
     * @return {@code null} if it succeeded, else the exception that ended it
     * @throws IllegalStateException if the task is still running
     */
    @Nullable Throwable exception();
}
