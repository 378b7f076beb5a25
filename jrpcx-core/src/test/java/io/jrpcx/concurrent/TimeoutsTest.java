package io.jrpcx.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jrpcx.internal.concurrent.TimeoutScheduler;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The callable forms: timeoutAfter/At raise, ignoreAfter/At return a result; interrupts never leak. */
class TimeoutsTest extends TimeoutTestSupport {
    @Test
    void timeoutAfterThrowsTaskTimeoutCarryingTheSeconds() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> Timeouts.timeoutAfter(SHORT, empty::take))
                .isInstanceOfSatisfying(TaskTimeoutException.class, e -> assertThat(e.seconds()).isEqualTo(0.05))
                .hasMessage("task timed out after 0.05s")
                .hasCauseInstanceOf(InterruptedException.class);
        assertThat(Blocking.secondsSince(start)).isGreaterThanOrEqualTo(0.05);
    }

    @Test
    void timeoutAfterReturnsTheResultOfABlockThatFinishesInTime() throws Exception {
        assertThat(Timeouts.timeoutAfter(LONG, () -> "in time")).isEqualTo("in time");
    }

    @Test
    void timeoutAtThrowsAtTheDeadline() {
        Deadline deadline = Deadline.after(SHORT);
        assertThatThrownBy(() -> Timeouts.timeoutAt(deadline, empty::take)).isInstanceOf(TaskTimeoutException.class);
        assertThat(deadline.isExpired()).isTrue();
    }

    @Test
    void ignoreAfterReturnsNullWhenTheDeadlinePasses() throws Exception {
        assertThat(Timeouts.ignoreAfter(SHORT, empty::take)).isNull();
    }

    @Test
    void ignoreAfterReturnsTheGivenResultWhenTheDeadlinePasses() throws Exception {
        assertThat(Timeouts.ignoreAfter(SHORT, "default", empty::take)).isEqualTo("default");
    }

    @Test
    void ignoreAtReturnsTheGivenResultWhenTheDeadlinePasses() throws Exception {
        assertThat(Timeouts.ignoreAt(Deadline.after(SHORT), "default", empty::take)).isEqualTo("default");
        assertThat(Timeouts.ignoreAt(Deadline.after(SHORT), empty::take)).isNull();
    }

    @Test
    void ignoreAfterReturnsTheBlocksResultWhenInTime() throws Exception {
        assertThat(Timeouts.ignoreAfter(LONG, "default", () -> "in time")).isEqualTo("in time");
    }

    @Test
    void aDeadlineAlreadyPassedTimesOutAtTheFirstBlockingCall() {
        assertThatThrownBy(() -> Timeouts.timeoutAfter(Duration.ofSeconds(-1), () -> {
            Thread.sleep(LONG);
            return "unreachable";
        })).isInstanceOf(TaskTimeoutException.class);
        assertThatThrownBy(() -> Timeouts.timeoutAt(Deadline.after(Duration.ZERO), empty::take))
                .isInstanceOf(TaskTimeoutException.class);
    }

    @Test
    void aBlockThatSwallowsTheInterruptStillTimesOut() {
        assertThatThrownBy(() -> Timeouts.timeoutAfter(SHORT, () -> {
            try {
                empty.take();
            } catch (InterruptedException swallowed) {
                // carries on as if nothing happened
            }
            return "swallowed";
        })).isInstanceOf(TaskTimeoutException.class);
    }

    @Test
    void aBlockThatThrowsSomethingElseAfterTheDeadlineStillTimesOut() {
        assertThatThrownBy(() -> Timeouts.timeoutAfter(SHORT, () -> {
            try {
                return empty.take();
            } catch (InterruptedException e) {
                throw new IOException("other");
            }
        })).isInstanceOf(TaskTimeoutException.class).cause().isInstanceOf(IOException.class);
    }

    @Test
    void theBlocksOwnExceptionPropagatesWithItsTypeWhenInTime() {
        assertThatThrownBy(() -> Timeouts.timeoutAfter(LONG, () -> {
            throw new IOException("own");
        })).isExactlyInstanceOf(IOException.class).hasMessage("own");
        assertThatThrownBy(() -> Timeouts.ignoreAfter(LONG, () -> {
            throw new IllegalStateException("own");
        })).isExactlyInstanceOf(IllegalStateException.class);
    }

    @Test
    void theInterruptCausedByTheDeadlineDoesNotLeakWhenTheBlockNeverSawIt() {
        // The block spins until the deadline has interrupted it, and returns without clearing the flag.
        assertThatThrownBy(() -> Timeouts.timeoutAfter(SHORT, () -> {
            Blocking.until(() -> Thread.currentThread().isInterrupted());
            return "never looked";
        })).isInstanceOf(TaskTimeoutException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        String result = Timeouts.ignoreAfter(SHORT, "expired", () -> {
            Blocking.until(() -> Thread.currentThread().isInterrupted());
            return "never looked";
        });
        assertThat(result).isEqualTo("expired");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void theInterruptCausedByTheDeadlineDoesNotLeakWhenTheBlockSawIt() throws Exception {
        assertThat(Timeouts.ignoreAfter(SHORT, "expired", empty::take)).isEqualTo("expired");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        Thread.sleep(1);   // would throw if an interrupt had leaked
    }

    @Test
    void theCallersOwnInterruptIsKept() throws Exception {
        Thread.currentThread().interrupt();
        assertThat(Timeouts.ignoreAfter(LONG, () -> "no blocking")).isEqualTo("no blocking");
        assertThat(Thread.interrupted()).isTrue();

        Thread.currentThread().interrupt();
        assertThat(Timeouts.ignoreAfter(Duration.ZERO, "expired", () -> "no blocking")).isEqualTo("expired");
        assertThat(Thread.interrupted()).as("interrupt from before the block survives its expiry").isTrue();
    }

    @Test
    void anInterruptFromElsewhereIsNotMistakenForTheDeadline() {
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> Timeouts.timeoutAfter(LONG, empty::take))
                .isExactlyInstanceOf(InterruptedException.class);
    }

    @Test
    void aCancelledTasksInterruptSurvivesATimeoutInsideIt() throws Exception {
        TaskGroup group = TaskGroup.create();
        CountDownLatch started = new CountDownLatch(1);
        Task<Boolean> task = group.spawn(() -> {
            started.countDown();
            try {
                Blocking.forever();
            } catch (InterruptedException cancelled) {
                // cleanup that itself uses a timeout which expires
            }
            Timeouts.ignoreAfter(Duration.ZERO, () -> {
                Thread.sleep(LONG);
                return null;
            });
            return Thread.currentThread().isInterrupted();
        });
        started.await();
        task.cancel();
        assertThat(task.join()).as("still interrupted after the timeout block").isTrue();
        group.join();
    }

    @Test
    void aTimeoutThatDoesNotExpireLeavesNoTimerBehind() throws Exception {
        long before = TimeoutScheduler.pending();
        for (int i = 0; i < 10_000; i++) {
            Timeouts.timeoutAfter(LONG, () -> 1);
        }
        // a cancelled timer leaves the wheel at its next tick (2 ms): wait for the wheel, not for a time
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (TimeoutScheduler.pending() > before + 10 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(TimeoutScheduler.pending()).isLessThanOrEqualTo(before + 10);
    }

    @Test
    void timeoutsBoundTaskGroupJoinWhichCancelsItsTasks() throws Exception {
        TaskGroup group = TaskGroup.create();
        Task<Object> task = group.spawn(Blocking::forever);
        assertThatThrownBy(() -> Timeouts.timeoutAfter(SHORT, () -> {
            group.join();
            return null;
        })).isInstanceOf(TaskTimeoutException.class);
        assertThat(task.isCancelled()).isTrue();
        assertThat(group.joined()).isTrue();
    }

    @Test
    void everyExceptionBelongsToOneUncheckedFamily() {
        TaskTimeoutException timeout = new TaskTimeoutException(1.5);
        assertThat(timeout.getMessage()).isEqualTo("task timed out after 1.5s");
        assertThat(new TaskTimeoutException(2).getMessage()).isEqualTo("task timed out after 2s");
        assertThat(java.util.List.of(timeout, new TimeoutCancellationException(1, null),
                new UncaughtTimeoutException(timeout), new TaskCancelledException("c", null),
                new TaskFailedException("t", new IOException()), new NoRemainingTasksException()))
                .allSatisfy(e -> assertThat(e).isInstanceOf(ConcurrencyException.class)
                        .isInstanceOf(RuntimeException.class));
    }
}
