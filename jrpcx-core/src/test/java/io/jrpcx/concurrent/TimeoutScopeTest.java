package io.jrpcx.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The block forms: scopes for try-with-resources, the expired flag, and handle(). */
class TimeoutScopeTest extends TimeoutTestSupport {
    @Test
    void anIgnoreBlockSetsExpiredAndHandleSwallowsTheInterruption() throws Exception {
        String reply = null;
        TimeoutScope scope = Timeouts.ignoreAfter(SHORT);
        try (scope) {
            reply = empty.take();
        } catch (InterruptedException e) {
            scope.handle(e);
        }
        assertThat(scope.expired()).isTrue();
        assertThat(reply).isNull();
    }

    @Test
    void anIgnoreBlockThatFinishesInTimeIsNotExpired() throws Exception {
        TimeoutScope scope = Timeouts.ignoreAfter(LONG);
        try (scope) {
            assertThat(scope.expired()).isFalse();
        }
        assertThat(scope.expired()).isFalse();
        assertThat(scope.ignoresExpiry()).isTrue();
    }

    @Test
    void aTimeoutBlockThatEndsNormallyAfterItsDeadlineThrowsFromClose() {
        assertThatThrownBy(() -> {
            try (TimeoutScope scope = Timeouts.timeoutAfter(SHORT)) {
                Blocking.until(scope::expired);
            }
        }).isInstanceOfSatisfying(TaskTimeoutException.class, e -> assertThat(e.seconds()).isEqualTo(0.05));
    }

    @Test
    void handleTurnsTheBlocksInterruptionIntoATaskTimeout() {
        TimeoutScope scope = Timeouts.timeoutAfter(SHORT);
        assertThatThrownBy(() -> {
            try (scope) {
                empty.take();
            } catch (InterruptedException e) {
                scope.handle(e);
            }
        }).isInstanceOf(TaskTimeoutException.class).hasCauseInstanceOf(InterruptedException.class);
    }

    @Test
    void handleRethrowsAnExceptionThatIsNotATimeout() {
        TimeoutScope scope = Timeouts.timeoutAfter(LONG);
        IllegalArgumentException own = new IllegalArgumentException("own");
        assertThatThrownBy(() -> {
            try (scope) {
                throw own;
            } catch (IllegalArgumentException e) {
                scope.handle(e);
            }
        }).isSameAs(own);
    }

    @Test
    void handleTurnsAnEscapedInnerTimeoutIntoUncaught() {
        TimeoutScope outer = Timeouts.timeoutAfter(LONG);
        assertThatThrownBy(() -> {
            try (outer) {
                try (TimeoutScope inner = Timeouts.timeoutAfter(SHORT)) {
                    Blocking.until(inner::expired);
                }
            } catch (TaskTimeoutException e) {
                outer.handle(e);
            }
        }).isInstanceOf(UncaughtTimeoutException.class);
    }

    @Test
    void anInnerBlockThrowsTimeoutCancellationWhenTheOuterExpires() {
        TimeoutScope outer = Timeouts.timeoutAfter(SHORT);
        AtomicReference<Throwable> innerThrew = new AtomicReference<>();
        assertThatThrownBy(() -> {
            try (outer) {
                try (TimeoutScope inner = Timeouts.ignoreAfter(LONG)) {
                    Blocking.until(outer::expired);
                } catch (TimeoutCancellationException e) {
                    innerThrew.set(e);
                    throw e;
                }
            } catch (TimeoutCancellationException e) {
                outer.handle(e);
            }
        }).isInstanceOf(TaskTimeoutException.class);
        assertThat(innerThrew.get()).isInstanceOf(TimeoutCancellationException.class);
    }

    @Test
    void closingTwiceIsHarmless() {
        TimeoutScope scope = Timeouts.timeoutAfter(Duration.ZERO);
        assertThatThrownBy(scope::close).isInstanceOf(TaskTimeoutException.class);
        scope.close();
        assertThat(scope.expired()).isTrue();
    }

    @Test
    void scopesMustBeClosedInnermostFirst() {
        TimeoutScope outer = Timeouts.ignoreAfter(LONG);
        TimeoutScope inner = Timeouts.ignoreAfter(LONG);
        assertThatThrownBy(outer::close).isInstanceOf(IllegalStateException.class).hasMessageContaining("innermost");
        inner.close();
        outer.close();
    }

    @Test
    void aScopeMustBeClosedByTheThreadThatOpenedIt() throws Exception {
        TimeoutScope scope = Timeouts.ignoreAfter(LONG);
        Throwable thrown = Blocking.onVirtualThread(() -> {
            try {
                scope.close();
                return null;
            } catch (IllegalStateException e) {
                return e;
            }
        });
        assertThat(thrown).isInstanceOf(IllegalStateException.class);
        scope.close();
    }

    @Test
    void aScopeDescribesItself() {
        try (TimeoutScope scope = Timeouts.ignoreAfter(Duration.ofMillis(1500))) {
            assertThat(scope).hasToString("TimeoutScope[ignore 1.5s]");
            assertThat(scope.seconds()).isEqualTo(1.5);
        }
    }
}
