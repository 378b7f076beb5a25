package io.jrpcx.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.jrpcx.framing.BinaryMessage;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A session in ordered mode hands its messages to the handler one at a time, in arrival order. */
@Timeout(120)
class MessageOrderTest {
    private static final int COUNT = 10_000;

    @Test
    void tenThousandMessagesWithRandomDelaysArriveInOrder() throws Exception {
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>(COUNT));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(COUNT);
        SplittableRandom seeds = new SplittableRandom(11);
        EventLog events = new EventLog();
        // a small backlog and several admitted at once, so that reading pauses and admission runs ahead
        SessionOptions options = SessionOptions.builder().maxConcurrent(8).maxBacklog(32).build();
        MessageServer server = MessageServer.builder().listen("tcp://127.0.0.1:0").options(options)
                .messageOptions(MessageOptions.builder().ordered(true).build())
                .listener(events)
                .handler((session, message) -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        long delay = new SplittableRandom(ByteBuffer.wrap(message.payload()).getInt()).nextLong(50_000);
                        LockSupport.parkNanos(delay);   // the handler's own work, 0 to 50 µs
                        seen.add(ByteBuffer.wrap(message.payload()).getInt());
                    } finally {
                        running.decrementAndGet();
                        all.countDown();
                    }
                }).start();
        try (MessageSession client = MessageClient.builder().build().connect(server.services().get(0))) {
            for (int n = 0; n < COUNT; n++) {
                byte[] payload = ByteBuffer.allocate(4 + seeds.nextInt(64)).putInt(n).array();
                client.sendMessage(new BinaryMessage("seq", payload));
            }
            assertThat(all.await(100, TimeUnit.SECONDS)).as("all handled").isTrue();
        } finally {
            server.close(Duration.ZERO);
        }
        List<Integer> expected = new ArrayList<>(COUNT);
        for (int n = 0; n < COUNT; n++) {
            expected.add(n);
        }
        assertThat(seen).isEqualTo(expected);
        assertThat(most).hasValue(1);
        assertThat(events.count("paused [BACKLOG]")).as("the backlog filled at least once").isPositive();
    }

    @Test
    void aHandlerThatFailsOrTimesOutLetsTheNextOneRun() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(1);
        MessageServer server = MessageServer.builder().listen("tcp://127.0.0.1:0")
                .options(SessionOptions.builder().processingTimeout(Duration.ofMillis(200)).build())
                .messageOptions(MessageOptions.builder().ordered(true).build())
                .handler((session, message) -> {
                    seen.add(message.command());
                    switch (message.command()) {
                        case "fail" -> throw new IllegalStateException("fails");
                        case "hang" -> new CountDownLatch(1).await();
                        case "last" -> done.countDown();
                        default -> { }
                    }
                }).start();
        try (MessageSession client = MessageClient.builder().build().connect(server.services().get(0))) {
            for (String command : List.of("one", "fail", "two", "hang", "three", "last")) {
                client.sendMessage(command, new byte[0]);
            }
            assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(seen).containsExactly("one", "fail", "two", "hang", "three", "last");
            assertThat(server.sessions()).singleElement().satisfies(s -> {
                assertThat(s.isOrdered()).isTrue();
                assertThat(s.stats().errors()).isEqualTo(2);
            });
        } finally {
            server.close(Duration.ZERO);
        }
    }
}
