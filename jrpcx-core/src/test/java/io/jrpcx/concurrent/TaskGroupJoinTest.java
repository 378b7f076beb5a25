package io.jrpcx.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** join(): the wait policies, cancellation of the rest, and its guarantees. */
class TaskGroupJoinTest {

    @Test
    void waitAllWaitsForEveryTask() throws Exception {
        TaskGroup group = TaskGroup.create();
        CountDownLatch gate = new CountDownLatch(1);
        Task<String> waiter = group.spawn(() -> {
            gate.await();
            return "a";
        });
        Task<String> opener = group.spawn(() -> {
            gate.countDown();
            return "b";
        });
        group.join();
        assertThat(waiter.state()).isEqualTo(Task.State.SUCCEEDED);
        assertThat(opener.state()).isEqualTo(Task.State.SUCCEEDED);
        assertThat(group.results()).containsExactly("a", "b");
    }

    @Test
    void aFailingTaskEndsJoinAndCancelsTheRestDaemonsIncluded() throws Exception {
        TaskGroup group = TaskGroup.create();
        Task<Object> slow = group.spawn(Blocking::forever);
        Task<Object> daemon = group.spawnDaemon(Blocking::forever);
        Task<Object> failing = group.spawn(() -> Blocking.fail(new IllegalArgumentException("bad")));
        group.join();
        assertThat(failing.state()).isEqualTo(Task.State.FAILED);
        assertThat(slow.state()).isEqualTo(Task.State.CANCELLED);
        assertThat(daemon.state()).isEqualTo(Task.State.CANCELLED);
        assertThat(group.joined()).isTrue();
    }

    @Test
    void aCancelledTaskEndsJoinAndCancelsTheRest() throws Exception {
        TaskGroup group = TaskGroup.create();
        Task<Object> first = group.spawn(Blocking::forever);
        Task<Object> second = group.spawn(Blocking::forever);
        first.cancel();
        group.join();
        assertThat(first.isCancelled()).isTrue();
        assertThat(second.isCancelled()).isTrue();
        assertThat(group.completed()).isSameAs(first);
    }

    @Test
    void joinDoesNotRethrowTaskExceptions() {
        TaskGroup group = TaskGroup.create();
        group.spawn(() -> Blocking.fail(new IllegalStateException("task failure")));
        assertThatCode(group::join).doesNotThrowAnyException();
        assertThat(group.exception()).isInstanceOf(IllegalStateException.class).hasMessage("task failure");
    }

    @Test
    void joinWaitsForCancelledTasksToFinishDaemonsIncluded() throws Exception {
        TaskGroup group = TaskGroup.withWait(Wait.NONE);
        CountDownLatch cleanedUp = new CountDownLatch(2);
        CountDownLatch started = new CountDownLatch(2);
        Runnable slowToDie = Blocking.slowToDie(started, cleanedUp);
        Task<?> task = group.spawn(slowToDie);
        Task<?> daemon = group.spawnDaemon(slowToDie);
        started.await();
        group.join();
        assertThat(cleanedUp.getCount()).isZero();
        assertThat(task.isDone()).isTrue();
        assertThat(daemon.isDone()).isTrue();
        assertThat(group.daemons()).isEmpty();
    }

    @Test
    void joinTwiceIsSafe() throws Exception {
        TaskGroup group = TaskGroup.create();
        group.spawn(() -> 1);
        group.join();
        assertThatCode(group::join).doesNotThrowAnyException();
        assertThat(group.results()).containsExactly(1);
    }

    @Test
    void spawningIntoAJoinedGroupIsAnError() throws Exception {
        TaskGroup group = TaskGroup.create();
        group.join();
        assertThatThrownBy(() -> group.spawn(() -> 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("terminated");
        assertThatThrownBy(() -> group.spawnDaemon(() -> { }))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void tasksMaySpawnTasksWhileJoinWaits() throws Exception {
        TaskGroup group = TaskGroup.create();
        AtomicReference<Task<String>> child = new AtomicReference<>();
        CountDownLatch joining = new CountDownLatch(1);
        group.spawn(() -> {
            joining.await();
            child.set(group.spawn(() -> "child"));
            return "parent";
        });
        joining.countDown();
        group.join();
        assertThat(child.get().state()).isEqualTo(Task.State.SUCCEEDED);
        assertThat(group.results()).containsExactly("parent", "child");
    }

    @Test
    void interruptingJoinCancelsEveryTaskAndThrowsInterruptedException() throws Exception {
        TaskGroup group = TaskGroup.create();
        Task<Object> task = group.spawn(Blocking::forever);
        Task<Object> daemon = group.spawnDaemon(Blocking::forever);
        Thread.currentThread().interrupt();
        assertThatThrownBy(group::join).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
        assertThat(task.isCancelled()).isTrue();
        assertThat(daemon.isCancelled()).isTrue();
        assertThat(group.joined()).isTrue();
    }

    @Test
    void interruptingAJoinThatIsWaitingCancelsEveryTask() throws Exception {
        TaskGroup group = TaskGroup.create();
        CountDownLatch started = new CountDownLatch(1);
        Task<Object> task = group.spawn(() -> {
            started.countDown();
            return Blocking.forever();
        });
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread joiner = Thread.ofVirtual().start(() -> {
            try {
                group.join();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        started.await();
        joiner.interrupt();
        assertThat(joiner.join(Blocking.GENEROUS)).isTrue();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(task.isCancelled()).isTrue();
    }

    @Test
    void daemonsAreNotWaitedForButCancelled() throws Exception {
        TaskGroup group = TaskGroup.create();
        Task<Object> daemon = group.spawnDaemon(Blocking::forever);
        group.join();
        assertThat(daemon.isCancelled()).isTrue();
        assertThat(group.completed()).isNull();
        assertThat(group.results()).isEmpty();
    }

    @Test
    void aDaemonsFailureIsIgnored() throws Exception {
        TaskGroup group = TaskGroup.create();
        Task<Object> daemon = group.spawnDaemon(() -> Blocking.fail(new IllegalStateException("daemon failure")));
        Task<Integer> task = group.spawn(() -> {
            try {
                daemon.join();
            } catch (TaskFailedException expected) {
                // the daemon has failed before this task returns
            }
            return 2;
        });
        group.join();
        assertThat(daemon.state()).isEqualTo(Task.State.FAILED);
        assertThat(task.state()).isEqualTo(Task.State.SUCCEEDED);
        assertThat(group.result()).isEqualTo(2);
        assertThat(group.exceptions()).containsExactly((Throwable) null);
    }

    @Test
    void waitAnyEndsAtTheFirstTaskToFinishAndCancelsTheRest() throws Exception {
        TaskGroup group = TaskGroup.withWait(Wait.ANY);
        Task<Object> slow = group.spawn(Blocking::forever);
        Task<String> fast = group.spawn(() -> "fast");
        group.join();
        assertThat(group.completed()).isSameAs(fast);
        assertThat(group.result()).isEqualTo("fast");
        assertThat(slow.isCancelled()).isTrue();
        assertThatThrownBy(group::results).isInstanceOf(TaskCancelledException.class);
    }

    @Test
    void waitAnyCountsAFailureAsFinishing() throws Exception {
        TaskGroup group = TaskGroup.withWait(Wait.ANY);
        Task<Object> slow = group.spawn(Blocking::forever);
        group.spawn(() -> Blocking.fail(new IllegalArgumentException("bad")));
        group.join();
        assertThatThrownBy(group::result).isInstanceOf(TaskFailedException.class)
                .hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(group.exception()).isInstanceOf(IllegalArgumentException.class);
        assertThat(slow.isCancelled()).isTrue();
    }

    @Test
    void waitObjectEndsAtTheFirstNonNullResult() throws Exception {
        TaskGroup group = TaskGroup.withWait(Wait.OBJECT);
        Task<Object> nothing = group.spawn(() -> null);
        nothing.join();
        Task<Object> slow = group.spawn(Blocking::forever);
        Task<Integer> five = group.spawn(() -> 5);
        group.join();
        assertThat(group.completed()).isSameAs(five);
        assertThat(group.result()).isEqualTo(5);
        assertThat(slow.isCancelled()).isTrue();
    }

    @Test
    void waitObjectWithOnlyNullResultsHasNoCompletedTask() throws Exception {
        TaskGroup group = TaskGroup.withWait(Wait.OBJECT);
        group.spawn(() -> null);
        group.spawn(() -> { });
        group.join();
        assertThat(group.completed()).isNull();
        assertThatThrownBy(group::result).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no task successfully completed");
        assertThat(group.exception()).isNull();
        assertThat(group.results()).containsExactly(null, null);
        assertThat(group.exceptions()).containsExactly(null, null);
    }

    @Test
    void waitObjectEndsAtAFailure() throws Exception {
        TaskGroup group = TaskGroup.withWait(Wait.OBJECT);
        Task<Object> nothing = group.spawn(() -> null);
        nothing.join();
        Task<Object> slow = group.spawn(Blocking::forever);
        group.spawn(() -> Blocking.fail(new IllegalArgumentException("bad")));
        group.join();
        assertThat(group.exception()).isInstanceOf(IllegalArgumentException.class);
        assertThat(slow.isCancelled()).isTrue();
        assertThat(group.exceptions()).hasSize(3);
        assertThat(group.exceptions().get(0)).isNull();
        assertThat(group.exceptions().get(1)).isInstanceOf(TaskCancelledException.class);
        assertThat(group.exceptions().get(2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void waitNoneCancelsEveryTaskAtOnce() throws Exception {
        TaskGroup group = TaskGroup.withWait(Wait.NONE);
        Task<Object> task = group.spawn(Blocking::forever);
        group.join();
        assertThat(task.isCancelled()).isTrue();
        assertThat(group.completed()).isNull();
        assertThatThrownBy(group::result).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(group::results).isInstanceOf(TaskCancelledException.class);
        assertThat(group.exceptions()).singleElement().isInstanceOf(TaskCancelledException.class);
    }

    @Test
    void anEmptyGroupJoinsAtOnceUnderEveryPolicy() throws Exception {
        for (Wait wait : Wait.values()) {
            TaskGroup group = TaskGroup.withWait(wait);
            group.join();
            assertThat(group.joined()).isTrue();
            assertThat(group.completed()).isNull();
            assertThat(group.results()).isEmpty();
            assertThat(group.exceptions()).isEmpty();
            assertThat(group.exception()).isNull();
            assertThatThrownBy(group::result).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void tasksRunOnNamedVirtualThreads() throws Exception {
        TaskGroup group = TaskGroup.builder().name("requests").build();
        Task<Thread> task = group.spawn(Thread::currentThread);
        Task<Thread> daemon = group.spawnDaemon(Thread::currentThread);
        Thread thread = task.join();
        assertThat(thread.isVirtual()).isTrue();
        assertThat(thread.getName()).isEqualTo("requests/task-1").isEqualTo(task.name());
        assertThat(daemon.join().getName()).isEqualTo("requests/daemon-2");
        assertThat(daemon.isDaemon()).isTrue();
        group.join();
    }

    @Test
    void aTaskCannotJoinItsOwnGroup() throws Exception {
        TaskGroup group = TaskGroup.create();
        CountDownLatch published = new CountDownLatch(1);
        Task<Object> task = group.spawn(() -> {
            published.await();
            group.join();
            return "unreachable";
        });
        published.countDown();
        Blocking.awaitDone(task);
        assertThat(task.exception()).isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot join");
        group.join();
    }
}
