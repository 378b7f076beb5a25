package io.jrpcx.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A task's states, outcome accessors and cancellation by interruption. */
class TaskTest {

    @Test
    void aTaskThatReturnsSucceeds() throws Exception {
        TaskGroup group = TaskGroup.create();
        Task<String> task = group.spawn(() -> "value");
        assertThat(task.join()).isEqualTo("value");
        assertThat(task.state()).isEqualTo(Task.State.SUCCEEDED);
        assertThat(task.isDone()).isTrue();
        assertThat(task.isCancelled()).isFalse();
        assertThat(task.result()).isEqualTo("value");
        assertThat(task.exception()).isNull();
        group.join();
    }

    @Test
    void aTaskThatThrowsFailsAndItsResultWrapsTheException() throws Exception {
        TaskGroup group = TaskGroup.create();
        Task<Object> task = group.spawn(() -> {
            throw new IOException("checked");
        });
        assertThatThrownBy(task::join).isInstanceOf(TaskFailedException.class)
                .hasMessageContaining(task.name()).cause().isInstanceOf(IOException.class).hasMessage("checked");
        assertThat(task.state()).isEqualTo(Task.State.FAILED);
        assertThat(task.exception()).isInstanceOf(IOException.class);
        assertThatThrownBy(task::result).isInstanceOf(TaskFailedException.class);
        group.join();
    }

    @Test
    void cancellingInterruptsTheTaskWhichEndsCancelled() throws Exception {
        TaskGroup group = TaskGroup.create();
        CountDownLatch started = new CountDownLatch(1);
        Task<Object> task = group.spawn(() -> {
            started.countDown();
            return Blocking.forever();
        });
        started.await();
        task.cancel();
        assertThatThrownBy(task::join).isInstanceOf(TaskCancelledException.class)
                .hasCauseInstanceOf(InterruptedException.class);
        assertThat(task.state()).isEqualTo(Task.State.CANCELLED);
        assertThat(task.exception()).isInstanceOf(TaskCancelledException.class);
        group.join();
    }

    @Test
    void aTaskCancelledAtOnceEndsCancelledWhetherOrNotItsBodyStarted() throws Exception {
        TaskGroup group = TaskGroup.create();
        Task<Object> task = group.spawn(Blocking::forever);
        task.cancel();
        Blocking.awaitDone(task);
        assertThat(task.isCancelled()).isTrue();
        group.join();
    }

    @Test
    void aTaskThatReturnsAfterBeingCancelledSucceeds() throws Exception {
        TaskGroup group = TaskGroup.create();
        CountDownLatch started = new CountDownLatch(1);
        Task<String> task = group.spawn(() -> {
            started.countDown();
            try {
                Blocking.forever();
                return "unreachable";
            } catch (InterruptedException e) {
                return "cleaned up";
            }
        });
        started.await();
        task.cancel();
        assertThat(task.join()).isEqualTo("cleaned up");
        assertThat(task.state()).isEqualTo(Task.State.SUCCEEDED);
        group.join();
    }

    @Test
    void outcomesOfARunningTaskAreAnError() throws Exception {
        TaskGroup group = TaskGroup.create();
        Task<Object> task = group.spawn(Blocking::forever);
        assertThat(task.state()).isEqualTo(Task.State.RUNNING);
        assertThatThrownBy(task::result).isInstanceOf(IllegalStateException.class).hasMessageContaining("running");
        assertThatThrownBy(task::exception).isInstanceOf(IllegalStateException.class);
        group.cancelRemaining();
        group.join();
    }

    @Test
    void cancellingAFinishedTaskDoesNothing() throws Exception {
        TaskGroup group = TaskGroup.create();
        Task<Integer> task = group.spawn(() -> 1);
        task.join();
        task.cancel();
        assertThat(task.state()).isEqualTo(Task.State.SUCCEEDED);
        group.join();
    }

    @Test
    void aTaskThatIgnoresInterruptionDelaysJoin() throws Exception {
        TaskGroup group = TaskGroup.withWait(Wait.NONE);
        AtomicBoolean mayStop = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        Task<String> stubborn = group.spawn(() -> {
            started.countDown();
            while (!mayStop.get()) {
                Thread.onSpinWait();       // ignores interruption
            }
            return "finally";
        });
        started.await();
        Thread joiner = Thread.ofVirtual().start(() -> {
            try {
                group.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        // However long we look, the join cannot end while the task runs.
        assertThat(joiner.join(java.time.Duration.ofMillis(200))).isFalse();
        assertThat(group.joined()).isFalse();
        mayStop.set(true);
        assertThat(joiner.join(Blocking.GENEROUS)).isTrue();
        assertThat(group.joined()).isTrue();
        assertThat(stubborn.state()).isEqualTo(Task.State.SUCCEEDED);
    }

    @Test
    void aTaskCannotJoinItself() throws Exception {
        TaskGroup group = TaskGroup.create();
        AtomicReference<Task<?>> self = new AtomicReference<>();
        CountDownLatch published = new CountDownLatch(1);
        Task<Object> task = group.spawn(() -> {
            published.await();
            return self.get().join();
        });
        self.set(task);
        published.countDown();
        assertThatThrownBy(task::join).isInstanceOf(TaskFailedException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
        group.join();
    }
}
