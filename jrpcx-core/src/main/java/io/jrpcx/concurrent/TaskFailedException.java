package io.jrpcx.concurrent;

/**
 * Thrown by {@link Task#result()} and {@link Task#join()} of a task that ended by throwing; the task's
 * own exception (checked or not) is the cause, as {@link java.util.concurrent.ExecutionException}
 * carries it for a {@code Future}.
 *
 * <pre>{@code
 * try {
 *     group.nextResult();
 * } catch (TaskFailedException e) {
 *     log.warn("a task failed", e.getCause());
 * }
 * }</pre>
 */
public final class TaskFailedException extends ConcurrencyException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for a task that failed.
     *
     * @param taskName the name of the task that failed
     * @param cause the task's exception
     */
    public TaskFailedException(String taskName, Throwable cause) {
        super("task " + taskName + " failed: " + cause, cause);
    }

    @Override
    public synchronized Throwable getCause() {
        Throwable cause = super.getCause();
        assert cause != null;
        return cause;
    }
}
