package io.jrpcx.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.jrpcx.framing.BinaryMessage;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * aiorpcX's message-session cost tests, on jrpcx: past the soft limit each message waits before its
 * handler runs ("request sleeps"); past the hard limit the session closes ("request over hard limit").
 */
@Timeout(60)
class MessageCostTest {
    private final BlockingQueue<Long> handledAt = new LinkedBlockingQueue<>();
    private final CompletableFuture<MessageSession> serverSide = new CompletableFuture<>();
    private MessageServer server;

    private MessageSession start(SessionOptions options) {
        server = MessageServer.builder().listen("tcp://127.0.0.1:0").options(options)
                .onOpen(serverSide::complete)
                .handler((session, message) -> handledAt.add(System.nanoTime()))
                .start();
        return MessageClient.builder().build().connect(server.services().get(0));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close(Duration.ZERO);
        }
    }

    @Test
    void pastTheSoftLimitEachMessageWaitsBeforeItsHandler() throws Exception {
        try (MessageSession client = start(SessionOptions.builder().costSoftLimit(1000).costHardLimit(3000)
                .costDecayPerSecond(0).costSleep(Duration.ofMillis(2000)).build())) {
            MessageSession session = serverSide.get(20, TimeUnit.SECONDS);
            long start = System.nanoTime();
            client.sendMessage("ping", new byte[8]);
            long unthrottled = handledAt.poll(20, TimeUnit.SECONDS) - start;
            assertThat(Duration.ofNanos(unthrottled)).isLessThan(Duration.ofMillis(900));

            session.cost().bump(2000);   // half-way from soft to hard: half the cost sleep
            assertThat(session.incomingConcurrency().target()).isEqualTo(10);
            start = System.nanoTime();
            client.sendMessage("ping", new byte[8]);
            long throttled = handledAt.poll(20, TimeUnit.SECONDS) - start;
            assertThat(Duration.ofNanos(throttled)).isGreaterThanOrEqualTo(Duration.ofMillis(990));
        }
    }

    @Test
    void pastTheHardLimitTheSessionCloses() throws Exception {
        try (MessageSession client = start(SessionOptions.defaults())) {
            MessageSession session = serverSide.get(20, TimeUnit.SECONDS);
            client.sendMessage("ping", new byte[8]);
            assertThat(handledAt.poll(20, TimeUnit.SECONDS)).isNotNull();
            session.cost().bump(20_000);
            client.sendMessage("ping", new byte[8]);
            session.closed().get(20, TimeUnit.SECONDS);
            client.closed().get(20, TimeUnit.SECONDS);
            assertThat(handledAt).isEmpty();   // the message that found the session over its limit was not handled
        }
    }
}
