package io.jrpcx.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** nextDone(), nextResult() and iteration report finished tasks in the order they finish. */
class TaskGroupNextDoneTest {

    @Test
    void nextDoneReturnsTasksInTheOrderTheyFinishThenNull() throws Exception {
        TaskGroup group = TaskGroup.create();
        CountDownLatch firstMayFinish = new CountDownLatch(1);
        Task<Integer> first = group.spawn(() -> {
            firstMayFinish.await();
            return 1;
        });
        Task<Integer> second = group.spawn(() -> 2);
        assertThat(group.nextDone()).isSameAs(second);
        firstMayFinish.countDown();
        assertThat(group.nextDone()).isSameAs(first);
        assertThat(group.nextDone()).isNull();
        assertThat(group.joined()).isFalse();
    }

    @Test
    void nextDoneNeitherWaitsForNorReportsDaemons() throws Exception {
        TaskGroup group = TaskGroup.create();
        Task<Object> running = group.spawnDaemon(Blocking::forever);
        Task<String> finished = group.spawnDaemon(() -> "done");
        finished.join();
        assertThat(group.nextDone()).isNull();
        assertThat(running.isDone()).isFalse();
        assertThat(group.daemons()).containsExactly(running);
        group.join();
        assertThat(running.isCancelled()).isTrue();
    }

    @Test
    void nextResultThrowsWhenNoTasksRemain() {
        TaskGroup group = TaskGroup.create();
        assertThatThrownBy(group::nextResult).isInstanceOf(NoRemainingTasksException.class)
                .hasMessage("no tasks remain");
    }

    @Test
    void nextResultReturnsResultsAndThrowsFailures() throws Exception {
        TaskGroup group = TaskGroup.create();
        group.spawn(() -> 7).join();
        assertThat(group.nextResult()).isEqualTo(7);
        group.spawn(() -> Blocking.fail(new IllegalArgumentException("bad")));
        assertThatThrownBy(group::nextResult).isInstanceOf(TaskFailedException.class)
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessage("bad");
        Task<Object> cancelled = group.spawn(Blocking::forever);
        cancelled.cancel();
        assertThatThrownBy(group::nextResult).isInstanceOf(TaskCancelledException.class);
        assertThatThrownBy(group::nextResult).isInstanceOf(NoRemainingTasksException.class);
    }

    @Test
    void iterationYieldsFinishedTasksInCompletionOrder() {
        TaskGroup group = TaskGroup.create();
        CountDownLatch[] gates = Blocking.spawnGated(group, 3);
        gates[2].countDown();
        List<Object> order = new ArrayList<>();
        for (Task<?> task : group) {
            int n = (Integer) task.result();
            order.add(n);
            if (n > 0) {
                gates[n - 1].countDown();         // let them finish in the order 2, 1, 0
            }
        }
        assertThat(order).containsExactly(2, 1, 0);
    }

    @Test
    void interruptedIterationThrowsTaskCancelledAndKeepsTheInterrupt() throws Exception {
        TaskGroup group = TaskGroup.create();
        group.spawn(Blocking::forever);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread iterating = Thread.ofVirtual().start(() -> {
            Thread.currentThread().interrupt();
            try {
                group.iterator().hasNext();
            } catch (Throwable e) {
                thrown.set(e);
            }
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        assertThat(iterating.join(Blocking.GENEROUS)).isTrue();
        assertThat(thrown.get()).isInstanceOf(TaskCancelledException.class);
        assertThat(stillInterrupted.get()).isTrue();
        group.cancelRemaining();
        group.join();
    }
}
