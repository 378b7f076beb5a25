package io.jrpcx.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** cancelRemaining() cancels the non-daemon tasks and waits for them; it does not join. */
class TaskGroupCancelRemainingTest {

    @Test
    void cancelRemainingCancelsTasksButNotDaemons() throws Exception {
        TaskGroup group = TaskGroup.create();
        Task<Object> task = group.spawn(Blocking::forever);
        Task<Object> daemon = group.spawnDaemon(Blocking::forever);
        group.cancelRemaining();
        assertThat(task.isCancelled()).isTrue();
        assertThat(daemon.isDone()).isFalse();
        assertThat(group.joined()).isFalse();
        group.join();
        assertThat(daemon.isCancelled()).isTrue();
    }

    @Test
    void cancelRemainingWaitsForTheCancelledTasksToFinish() throws Exception {
        TaskGroup group = TaskGroup.create();
        CountDownLatch cleanedUp = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        Task<?> task = group.spawn(Blocking.slowToDie(started, cleanedUp));
        started.await();
        group.cancelRemaining();
        assertThat(cleanedUp.getCount()).isZero();
        assertThat(task.isDone()).isTrue();
    }

    @Test
    void cancelRemainingDoesNotThrowTaskExceptions() throws Exception {
        TaskGroup group = TaskGroup.create();
        CountDownLatch started = new CountDownLatch(1);
        group.spawn(() -> {
            started.countDown();
            try {
                Blocking.forever();
            } catch (InterruptedException e) {
                throw new IllegalStateException("failed while cancelled");
            }
        });
        started.await();
        group.cancelRemaining();
        group.join();
        assertThat(group.exception()).isInstanceOf(TaskCancelledException.class)
                .cause().hasMessage("failed while cancelled");
    }

    @Test
    void aLaterJoinSeesTheCancelledTaskAndCancelsNewTasks() throws Exception {
        TaskGroup group = TaskGroup.create();
        Task<Object> cancelled = group.spawn(Blocking::forever);
        group.cancelRemaining();
        Task<Object> later = group.spawn(Blocking::forever);
        group.join();
        assertThat(group.completed()).isSameAs(cancelled);
        assertThat(later.isCancelled()).isTrue();
        assertThat(group.exceptions()).hasSize(2).allMatch(e -> e instanceof TaskCancelledException);
    }

    @Test
    void cancelRemainingOnAReleasingGroupAlsoEndsALaterJoin() throws Exception {
        TaskGroup group = TaskGroup.builder().retainFinished(false).build();
        group.spawn(Blocking::forever);
        group.cancelRemaining();
        Task<Object> later = group.spawn(Blocking::forever);
        group.join();
        assertThat(later.isCancelled()).isTrue();
        assertThat(group.exception()).isInstanceOf(TaskCancelledException.class);
    }

    @Test
    void aTaskCallingCancelRemainingCancelsTheOthersButNotItself() throws Exception {
        TaskGroup group = TaskGroup.create();
        Task<Object> other = group.spawn(Blocking::forever);
        Task<String> caller = group.spawn(() -> {
            group.cancelRemaining();
            return "still running";
        });
        assertThat(caller.join()).isEqualTo("still running");
        assertThat(other.isCancelled()).isTrue();
        group.join();
    }
}
