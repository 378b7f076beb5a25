package io.jrpcx.concurrent;

/**
 * What {@link TaskGroup#join()} waits for before it cancels the tasks still running. Whatever the
 * policy, a task that fails or is cancelled ends the wait at once, and daemon tasks are never waited
 * for.
 *
 * <pre>{@code
 * try (TaskGroup group = TaskGroup.withWait(Wait.ANY)) {
 *     group.spawn(() -> ask(primary));
 *     group.spawn(() -> ask(backup));
 * }
 * }</pre>
 */
public enum Wait {
    /** Wait for every task; {@link TaskGroup#completed()} is the first to finish. */
    ALL,
    /** Wait for the first task to finish, then cancel the rest. */
    ANY,
    /** Wait for the first task to return a non-null result (or to fail), then cancel the rest. */
    OBJECT,
    /** Wait for nothing: cancel every task still running. */
    NONE
}
