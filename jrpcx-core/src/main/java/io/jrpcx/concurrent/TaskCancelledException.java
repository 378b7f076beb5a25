package io.jrpcx.concurrent;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of a cancelled task: thrown by {@link Task#result()} and {@link Task#join()} of a
 * cancelled task, returned by {@link Task#exception()} for one, and thrown by a blocking
 * {@link TaskGroup} operation that cannot throw {@link InterruptedException} when its thread is
 * interrupted (cancelled) while it waits; then the thread's interrupt status is set again.
 *
 * <pre>{@code
 * Task<String> task = group.spawn(() -> slowLookup());
 * task.cancel();
 * try {
 *     task.join();
 * } catch (TaskCancelledException e) {
 *     System.out.println(task.name() + " was cancelled");
 * }
 * }</pre>
 */
public final class TaskCancelledException extends ConcurrencyException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which task was cancelled, or why
     * @param cause the exception that cancelled it, or {@code null}
     */
    public TaskCancelledException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
