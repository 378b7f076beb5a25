package io.jrpcx.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nested timeouts follow curio: who expired decides what each level throws. */
class NestedTimeoutsTest extends TimeoutTestSupport {
    private final List<String> seen = new ArrayList<>();

    @Test
    void theInnerTimeoutThatExpiresThrowsItsTimeoutInsideTheOuter() throws Exception {
        String result = Timeouts.timeoutAfter(LONG, () -> {
            try {
                Timeouts.timeoutAfter(SHORT, empty::take);
            } catch (TaskTimeoutException e) {
                seen.add("inner timeout " + e.seconds());
            }
            return "outer carries on";
        });
        assertThat(result).isEqualTo("outer carries on");
        assertThat(seen).containsExactly("inner timeout 0.05");
    }

    @Test
    void anOuterExpirySeenInsideThrowsTimeoutCancellationThenTheOuterThrowsItsTimeout() {
        assertThatThrownBy(() -> Timeouts.timeoutAfter(SHORT, () -> {
            try {
                return Timeouts.timeoutAfter(LONG, empty::take);
            } catch (TimeoutCancellationException e) {
                seen.add("inner saw " + e.seconds());
                throw e;
            }
        })).isInstanceOfSatisfying(TaskTimeoutException.class, e -> assertThat(e.seconds()).isEqualTo(0.05))
                .hasCauseInstanceOf(TimeoutCancellationException.class);
        assertThat(seen).containsExactly("inner saw 0.05");
    }

    @Test
    void anInnerTimeoutThatLeaksOutOfItsBlockIsUncaughtInTheOuter() {
        assertThatThrownBy(() -> Timeouts.timeoutAfter(LONG, () -> Timeouts.timeoutAfter(SHORT, empty::take)))
                .isInstanceOf(UncaughtTimeoutException.class)
                .hasCauseInstanceOf(TaskTimeoutException.class)
                .hasMessageContaining("uncaught timeout received");
    }

    @Test
    void anInnerTimeoutThatLeaksIntoAnOuterIgnoreIsUncaughtToo() {
        assertThatThrownBy(() -> Timeouts.ignoreAfter(LONG, () -> Timeouts.timeoutAfter(SHORT, empty::take)))
                .isInstanceOf(UncaughtTimeoutException.class);
    }

    @Test
    void anOuterIgnoreThatExpiresSwallowsTheInnerTimeoutCancellation() throws Exception {
        String result = Timeouts.ignoreAfter(SHORT, "outer expired", () -> {
            try {
                return Timeouts.timeoutAfter(LONG, empty::take);
            } catch (TimeoutCancellationException e) {
                seen.add("inner cancelled");
                throw e;
            }
        });
        assertThat(result).isEqualTo("outer expired");
        assertThat(seen).containsExactly("inner cancelled");
    }

    @Test
    void anInnerIgnoreDoesNotSwallowAnOuterExpiry() {
        assertThatThrownBy(() -> Timeouts.timeoutAfter(SHORT, () -> {
            String inner = Timeouts.ignoreAfter(LONG, "inner default", empty::take);
            seen.add("inner returned " + inner);
            return inner;
        })).isInstanceOf(TaskTimeoutException.class);
        assertThat(seen).isEmpty();
    }

    @Test
    void anInnerIgnoreThatExpiresReturnsItsDefaultInsideTheOuter() throws Exception {
        String result = Timeouts.timeoutAfter(LONG, () -> Timeouts.ignoreAfter(SHORT, "inner default", empty::take));
        assertThat(result).isEqualTo("inner default");
    }

    @Test
    void whenBothExpireTheOutermostWins() {
        Deadline passed = Deadline.after(Duration.ofSeconds(-1));
        assertThatThrownBy(() -> Timeouts.timeoutAt(passed, () -> {
            try {
                return Timeouts.timeoutAt(passed, empty::take);
            } catch (TimeoutCancellationException e) {
                seen.add("inner cancelled");
                throw e;
            }
        })).isInstanceOf(TaskTimeoutException.class);
        assertThat(seen).containsExactly("inner cancelled");
    }

    @Test
    void threeLevelsPassTheOuterExpiryOutward() {
        assertThatThrownBy(() -> Timeouts.timeoutAfter(SHORT, () -> {
            try {
                return Timeouts.ignoreAfter(LONG, () -> {
                    try {
                        return Timeouts.timeoutAfter(LONG, empty::take);
                    } catch (TimeoutCancellationException e) {
                        seen.add("innermost cancelled");
                        throw e;
                    }
                });
            } catch (TimeoutCancellationException e) {
                seen.add("middle cancelled");
                throw e;
            }
        })).isInstanceOf(TaskTimeoutException.class);
        assertThat(seen).containsExactly("innermost cancelled", "middle cancelled");
    }

    @Test
    void theOuterStillWorksAfterAnInnerExpiry() {
        assertThatThrownBy(() -> Timeouts.timeoutAfter(Duration.ofMillis(200), () -> {
            assertThat(Timeouts.ignoreAfter(Duration.ofMillis(10), "x", empty::take)).isEqualTo("x");
            return empty.take();
        })).isInstanceOfSatisfying(TaskTimeoutException.class, e -> assertThat(e.seconds()).isEqualTo(0.2));
    }
}
