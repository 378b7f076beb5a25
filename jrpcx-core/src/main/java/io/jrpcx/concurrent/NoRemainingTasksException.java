package io.jrpcx.concurrent;

/**
 * Thrown by {@link TaskGroup#nextResult()} when the group has no task left to report: none is running
 * and every finished one has been reported.
 *
 * <pre>{@code
 * while (true) {
 *     try {
 *         System.out.println(group.nextResult());
 *     } catch (NoRemainingTasksException e) {
 *         break;
 *     }
 * }
 * }</pre>
 */
public final class NoRemainingTasksException extends ConcurrencyException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with the message {@code no tasks remain}. */
    public NoRemainingTasksException() {
        super("no tasks remain", null);
    }
}
