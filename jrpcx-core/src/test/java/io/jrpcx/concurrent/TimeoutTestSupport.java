package io.jrpcx.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;

/** What the timeout tests share: a short and a long timeout, a queue that never yields, no leaked interrupts. */
abstract class TimeoutTestSupport {
    static final Duration SHORT = Duration.ofMillis(50);
    static final Duration LONG = Duration.ofMinutes(5);

    /** Taking from it blocks until interrupted. */
    final LinkedBlockingQueue<String> empty = new LinkedBlockingQueue<>();

    @AfterEach
    void noInterruptLeaks() {
        assertThat(Thread.interrupted()).as("interrupt leaked out of the test").isFalse();
    }
}
