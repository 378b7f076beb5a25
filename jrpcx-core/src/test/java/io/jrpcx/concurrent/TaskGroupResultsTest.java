package io.jrpcx.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** result, exception, results, exceptions and completed, by curio's rules. */
class TaskGroupResultsTest {

    @Test
    void askingForOutcomesBeforeJoinIsAnError() {
        TaskGroup group = TaskGroup.create();
        group.spawn(() -> 1);
        assertThatThrownBy(group::result).isInstanceOf(IllegalStateException.class).hasMessageContaining("not yet joined");
        assertThatThrownBy(group::exception).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(group::results).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(group::exceptions).isInstanceOf(IllegalStateException.class);
        group.close();
    }

    @Test
    void resultIsThatOfTheFirstTaskToFinish() throws Exception {
        TaskGroup group = TaskGroup.create();
        CountDownLatch firstMayFinish = new CountDownLatch(1);
        group.spawn(() -> {
            firstMayFinish.await();
            return "spawned first, finished last";
        });
        Task<String> early = group.spawn(() -> "finished first");
        early.join();
        firstMayFinish.countDown();
        group.join();
        assertThat(group.completed()).isSameAs(early);
        assertThat(group.result()).isEqualTo("finished first");
        assertThat(group.exception()).isNull();
    }

    @Test
    void resultsAreInSpawnOrder() throws Exception {
        TaskGroup group = TaskGroup.create();
        CountDownLatch[] gates = Blocking.spawnGated(group, 3);
        for (int i = 2; i >= 0; i--) {
            gates[i].countDown();
        }
        group.join();
        assertThat(group.results()).containsExactly(0, 1, 2);
        assertThat(group.exceptions()).containsExactly(null, null, null);
        assertThat(group.tasks()).hasSize(3);
    }

    @Test
    void resultsThrowTheFirstFailureInSpawnOrder() throws Exception {
        TaskGroup group = TaskGroup.create();
        CountDownLatch oneMayFail = new CountDownLatch(1);
        Task<Object> one = group.spawn(() -> {
            oneMayFail.await();
            throw new IllegalArgumentException("one");
        });
        Task<Object> two = group.spawn(() -> Blocking.fail(new IllegalArgumentException("two")));
        Blocking.awaitDone(two);
        oneMayFail.countDown();
        Blocking.awaitDone(one);
        group.join();
        assertThatThrownBy(group::results).isInstanceOf(TaskFailedException.class).cause().hasMessage("one");
        assertThat(group.exception()).hasMessage("two");
    }

    @Test
    void aFirstTaskThatSucceededStaysTheResultWhenALaterOneFails() throws Exception {
        TaskGroup group = TaskGroup.create();
        Task<Integer> ok = group.spawn(() -> 1);
        ok.join();
        group.spawn(() -> Blocking.fail(new IllegalArgumentException("bad")));
        group.join();
        assertThat(group.completed()).isSameAs(ok);
        assertThat(group.result()).isEqualTo(1);
        assertThat(group.exception()).isNull();
        assertThatThrownBy(group::results).isInstanceOf(TaskFailedException.class);
        assertThat(group.exceptions().get(0)).isNull();
        assertThat(group.exceptions().get(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCancelledCompletedTaskMakesResultThrowAndExceptionReturnACancellation() throws Exception {
        TaskGroup group = TaskGroup.create();
        Task<Object> task = group.spawn(Blocking::forever);
        task.cancel();
        group.join();
        assertThatThrownBy(group::result).isInstanceOf(TaskCancelledException.class);
        assertThat(group.exception()).isInstanceOf(TaskCancelledException.class);
        assertThat(group.exceptions()).singleElement().isInstanceOf(TaskCancelledException.class);
    }

    @Test
    void tasksReportedByNextDoneDoNotCountAsCompleted() throws Exception {
        TaskGroup group = TaskGroup.create();
        group.spawn(() -> 1);
        group.spawn(() -> Blocking.fail(new IllegalArgumentException("bad")));
        assertThat(group.nextDone()).isNotNull();
        assertThat(group.nextDone()).isNotNull();
        group.join();
        assertThat(group.completed()).isNull();
        assertThatThrownBy(group::result).isInstanceOf(IllegalStateException.class);
        assertThat(group.exception()).isNull();
        assertThat(group.exceptions()).hasSize(2);
    }

    @Test
    void daemonsAreLeftOutOfResults() throws Exception {
        TaskGroup group = TaskGroup.create();
        Task<String> daemon = group.spawnDaemon(() -> "daemon");
        daemon.join();
        group.spawn(() -> "task");
        group.join();
        assertThat(group.results()).containsExactly("task");
        assertThat(group.tasks()).hasSize(1);
        assertThat(group.completed()).isNotSameAs(daemon);
    }

    @Test
    void aReleasingGroupKeepsCompletedButCannotListResults() throws Exception {
        TaskGroup group = TaskGroup.builder().wait(Wait.ANY).retainFinished(false).build();
        Task<Object> slow = group.spawn(Blocking::forever);
        Task<String> fast = group.spawn(() -> "fast");
        group.join();
        assertThat(group.completed()).isSameAs(fast);
        assertThat(group.result()).isEqualTo("fast");
        assertThat(slow.isCancelled()).isTrue();
        assertThat(group.tasks()).isEmpty();
        assertThatThrownBy(group::results).isInstanceOf(IllegalStateException.class).hasMessageContaining("releases");
        assertThatThrownBy(group::exceptions).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(group::nextDone).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aReleasingGroupAppliesEveryWaitPolicyLikeARetainingOne() throws Exception {
        for (boolean retain : new boolean[] {true, false}) {
            TaskGroup all = TaskGroup.builder().retainFinished(retain).build();
            Task<Object> slow = all.spawn(Blocking::forever);
            all.spawn(() -> Blocking.fail(new IllegalArgumentException("bad")));
            all.join();
            assertThat(slow.isCancelled()).as("ALL, retain=%s", retain).isTrue();
            assertThat(all.exception()).isInstanceOf(IllegalArgumentException.class);

            TaskGroup object = TaskGroup.builder().wait(Wait.OBJECT).retainFinished(retain).build();
            object.spawn(() -> null).join();
            Task<Object> slow2 = object.spawn(Blocking::forever);
            object.spawn(() -> "x");
            object.join();
            assertThat(object.result()).as("OBJECT, retain=%s", retain).isEqualTo("x");
            assertThat(slow2.isCancelled()).isTrue();

            TaskGroup none = TaskGroup.builder().wait(Wait.NONE).retainFinished(retain).build();
            Task<Object> slow3 = none.spawn(Blocking::forever);
            none.join();
            assertThat(slow3.isCancelled()).as("NONE, retain=%s", retain).isTrue();
            assertThat(none.completed()).isNull();
        }
    }
}
