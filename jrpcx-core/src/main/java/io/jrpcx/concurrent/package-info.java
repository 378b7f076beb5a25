/**
 * Structured concurrency on virtual threads: task groups and timeouts with curio's semantics, without
 * preview APIs.
 *
 * <ul>
 *   <li>{@link io.jrpcx.concurrent.TaskGroup} runs tasks ({@link io.jrpcx.concurrent.Task}), each on its
 *       own virtual thread, and ends them together by its {@link io.jrpcx.concurrent.Wait} policy.</li>
 *   <li>{@link io.jrpcx.concurrent.Timeouts} bounds blocking code: {@code timeoutAfter}/{@code timeoutAt}
 *       throw {@link io.jrpcx.concurrent.TaskTimeoutException}; {@code ignoreAfter}/{@code ignoreAt}
 *       return a default; nested blocks follow curio's rules.</li>
 *   <li>Cancellation is interruption, everywhere: cancelling a task and a passing deadline both
 *       interrupt a thread. Code that ignores interruption cannot be cancelled or timed out.</li>
 * </ul>
 *
 * <p>There is no {@code runInThread}: its purpose, keeping blocking calls off an event loop, is already
 * met, since every task and every request handler runs on its own virtual thread and may block.
 * Blocking calls that pin a carrier (native code) are rare and are better moved by the caller with a
 * plain executor.
 *
 * <pre>{@code
 * try (TaskGroup group = TaskGroup.withWait(Wait.ANY)) {
 *     group.spawn(() -> Timeouts.timeoutAfter(Duration.ofSeconds(2), () -> ask(primary)));
 *     group.spawn(() -> Timeouts.timeoutAfter(Duration.ofSeconds(2), () -> ask(backup)));
 *     group.join();
 *     System.out.println(group.result());
 * }
 * }</pre>
 */
@NullMarked
package io.jrpcx.concurrent;

import org.jspecify.annotations.NullMarked;
