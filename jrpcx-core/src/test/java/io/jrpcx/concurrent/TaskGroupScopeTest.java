package io.jrpcx.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Leaving a group's block: close() joins; run() cancels the remaining tasks first on an exception. */
class TaskGroupScopeTest {

    @Test
    void leavingATryWithResourcesBlockJoins() {
        Task<String> task;
        TaskGroup group = TaskGroup.create();
        CountDownLatch gate = new CountDownLatch(1);
        try (group) {
            task = group.spawn(() -> {
                gate.await();
                return "done";
            });
            group.spawn(gate::countDown);
        }
        assertThat(group.joined()).isTrue();
        assertThat(task.state()).isEqualTo(Task.State.SUCCEEDED);
        assertThat(group.results()).containsExactly("done", null);
    }

    @Test
    void runJoinsAfterTheBodyAndReturnsItsValue() throws Exception {
        TaskGroup group = TaskGroup.withWait(Wait.ANY);
        String value = group.run(() -> {
            group.spawn(Blocking::forever);
            group.spawn(() -> "first");
            return "body";
        });
        assertThat(value).isEqualTo("body");
        assertThat(group.joined()).isTrue();
        assertThat(group.result()).isEqualTo("first");
    }

    @Test
    void leavingRunByAnExceptionCancelsTheRemainingTasksFirst() {
        TaskGroup group = TaskGroup.create();
        AtomicReference<Task<Object>> task = new AtomicReference<>();
        AtomicReference<Task<Object>> daemon = new AtomicReference<>();
        assertThatThrownBy(() -> group.run(() -> {
            task.set(group.spawn(Blocking::forever));
            daemon.set(group.spawnDaemon(Blocking::forever));
            throw new IOException("body failed");
        })).isInstanceOf(IOException.class).hasMessage("body failed");
        assertThat(task.get().isCancelled()).isTrue();
        assertThat(daemon.get().isCancelled()).isTrue();
        assertThat(group.joined()).isTrue();
        assertThat(group.completed()).isSameAs(task.get());
    }

    @Test
    void runPropagatesACheckedExceptionWithItsType() {
        TaskGroup group = TaskGroup.create();
        CheckedCallable<String, IOException> body = () -> {
            throw new IOException("typed");
        };
        assertThatThrownBy(() -> group.run(body)).isExactlyInstanceOf(IOException.class);
    }

    @Test
    void closeInterruptedCancelsEverythingAndThrowsTaskCancelledKeepingTheInterrupt() {
        TaskGroup group = TaskGroup.create();
        Task<Object> task = group.spawn(Blocking::forever);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(group::close).isInstanceOf(TaskCancelledException.class)
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(task.isCancelled()).isTrue();
        assertThat(group.joined()).isTrue();
    }
}
