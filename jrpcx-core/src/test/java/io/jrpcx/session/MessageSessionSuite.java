package io.jrpcx.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jrpcx.framing.BinaryMessage;
import io.jrpcx.framing.BitcoinFramer;
import io.jrpcx.framing.Framing;
import io.jrpcx.jsonrpc.RpcError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * aiorpcX's own message-session tests ({@code TestMessageSession} in its {@code tests/test_session.py}),
 * each as a jrpcx test on real loopback connections, with jrpcx on both ends; and the behaviour jrpcx adds
 * (refusals on sending, framing checks, admission, the session's events). Every transport that carries
 * message sessions runs it through a subclass, as {@link SessionTestSuite} for JSON-RPC sessions.
 *
 * <p>aiorpcX's {@code test_request_sleeps} and {@code test_request_over_hard_limit}, which set a session's
 * resource cost, are in {@link MessageCostTest}; a message server's connection limits and cost pools in
 * {@link MessageServerLimitsTest}.
 */
@Timeout(60)
public abstract class MessageSessionSuite {
    private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

    /** What the server's handler saw, in the order its handlers started. */
    private final List<BinaryMessage> handled = Collections.synchronizedList(new ArrayList<>());
    private final BlockingQueue<BinaryMessage> arrivals = new LinkedBlockingQueue<>();
    private final EventLog serverEvents = new EventLog();
    private final CountDownLatch sleeperStarted = new CountDownLatch(1);
    private final AtomicInteger interrupted = new AtomicInteger();
    private final AtomicReference<MessageSession> serverSession = new AtomicReference<>();
    private final List<MessageSession> clients = new ArrayList<>();
    private MessageServer server;

    /** aiorpcX's MessageServer: records each message; some commands raise or sleep. */
    private void handle(MessageSession session, BinaryMessage message) throws Exception {
        handled.add(message);
        arrivals.add(message);
        switch (message.command()) {
            case "syntax" -> throw new IllegalStateException("a bug in the handler");
            case "protocol" -> throw new RpcError(2, "Not allowed");
            case "cancel" -> throw new java.util.concurrent.CancellationException("cancelled");
            case "sleep" -> {
                sleeperStarted.countDown();
                try {
                    new CountDownLatch(1).await();   // until interrupted
                } catch (InterruptedException e) {
                    interrupted.incrementAndGet();
                    throw e;
                }
            }
            case "ping" -> session.sendMessage("pong", message.payload());
            default -> { }
        }
    }

    /** The URL a test server listens on, such as {@code tcp://127.0.0.1:0}. */
    protected abstract String listenUrl();

    /** Adds what the transport needs to a server (certificates, paths). */
    protected MessageServer.Builder configure(MessageServer.Builder builder) {
        return builder;
    }

    /** Adds what the transport needs to a client (trust, proxies). */
    protected MessageClient.Builder configure(MessageClient.Builder builder) {
        return builder;
    }

    private MessageServer start(SessionOptions options) {
        return start(options, this::handle);
    }

    private MessageServer start(SessionOptions options, MessageHandler handler) {
        server = configure(MessageServer.builder().listen(listenUrl()).options(options).handler(handler)
                .listener(serverEvents).onOpen(serverSession::set)).start();
        return server;
    }

    private MessageServer start() {
        return start(SessionOptions.defaults());
    }

    private MessageSession connect(SessionOptions options, MessageHandler handler) {
        MessageSession session = configure(MessageClient.builder().options(options).handler(handler)).build()
                .connect(server.services().get(0));
        clients.add(session);
        return session;
    }

    private MessageSession connect() {
        return connect(SessionOptions.defaults(), MessageHandler.none());
    }

    @AfterEach
    void stop() {
        clients.forEach(s -> s.close(Duration.ZERO));
        if (server != null) {
            server.close(Duration.ZERO);
        }
    }

    private BinaryMessage next() throws InterruptedException {
        BinaryMessage m = arrivals.poll(20, TimeUnit.SECONDS);
        assertThat(m).as("a message handled by the server").isNotNull();
        return m;
    }

    @Test
    void basicSend() throws Exception {
        start();
        MessageSession session = connect();
        session.sendMessage("version", ABC);
        assertThat(next()).isEqualTo(new BinaryMessage("version", ABC));
        serverEvents.await("finished BinaryMessage[command=version");
        assertThat(handled).containsExactly(new BinaryMessage("version", ABC));
        assertThat(session.isOrdered()).isFalse();
    }

    @Test
    void manySends() throws Exception {
        start();
        MessageSession session = connect();
        for (int n = 0; n < 12; n++) {
            session.sendMessage(new BinaryMessage("version", ABC));
        }
        for (int n = 0; n < 12; n++) {
            next();
        }
        assertThat(handled).hasSize(12).allMatch(m -> m.equals(new BinaryMessage("version", ABC)));
        assertThat(serverSession.get().stats().messagesReceived()).isEqualTo(12);
    }

    @Test
    void replies() throws Exception {
        start();
        BlockingQueue<BinaryMessage> replies = new LinkedBlockingQueue<>();
        MessageSession session = connect(SessionOptions.defaults(), (s, m) -> replies.add(m));
        session.sendMessage("ping", new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThat(replies.poll(20, TimeUnit.SECONDS)).isEqualTo(new BinaryMessage("pong", new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
    }

    @Test
    void errorsAreCountedAndTheConnectionGoesOn() throws Exception {
        start();
        MessageSession session = connect();
        session.sendMessage("syntax", new byte[0]);
        session.sendMessage("protocol", new byte[0]);
        session.sendMessage("cancel", new byte[0]);
        for (int n = 0; n < 3; n++) {
            next();
        }
        serverEvents.await("finished BinaryMessage[command=syntax, payload=0 bytes ] IllegalStateException");
        serverEvents.await("finished BinaryMessage[command=protocol, payload=0 bytes ] RpcError");
        serverEvents.await("finished BinaryMessage[command=cancel, payload=0 bytes ] CancellationException");
        session.sendMessage("version", ABC);
        assertThat(next()).isEqualTo(new BinaryMessage("version", ABC));
        assertThat(serverSession.get().stats().errors()).isEqualTo(3);
        assertThat(session.isOpen()).isTrue();
    }

    @Test
    void badMagicClosesTheConnection() throws Exception {
        start();
        MessageSession session = connect(SessionOptions.builder().framing(Framing.bitcoin(0)).build(), MessageHandler.none());
        session.sendMessage("version", new byte[0]);
        assertThat(serverEvents.await("dropped")).startsWith("dropped bad network magic: got 00000000, expected e3e1f3e8");
        session.closed().get(20, TimeUnit.SECONDS);
        serverEvents.await("closed");
        assertThat(handled).isEmpty();
        assertThat(serverEvents.count("dropped")).isEqualTo(1);
    }

    @Test
    void badChecksumDropsTheMessageAndKeepsTheConnection() throws Exception {
        start();
        BlockingQueue<BinaryMessage> replies = new LinkedBlockingQueue<>();
        MessageSession session = connect(SessionOptions.builder().framing(ChecksumBreakingFramer::new).build(),
                (s, m) -> replies.add(m));
        session.sendMessage(ChecksumBreakingFramer.BREAK, ABC);
        assertThat(serverEvents.await("dropped")).startsWith("dropped bad checksum");
        session.sendMessage("ping", ABC);
        assertThat(next()).isEqualTo(new BinaryMessage("ping", ABC));   // the stream went on
        assertThat(replies.poll(20, TimeUnit.SECONDS)).isEqualTo(new BinaryMessage("pong", ABC));
        assertThat(serverSession.get().stats().errors()).isEqualTo(1);
        assertThat(serverSession.get().isOpen()).isTrue();
        assertThat(handled).containsExactly(new BinaryMessage("ping", ABC));
    }

    @Test
    void oversizedMessage() throws Exception {
        start();
        MessageSession session = connect();
        byte[] big = new byte[BitcoinFramer.DEFAULT_MAX_PAYLOAD_SIZE];
        session.sendMessage("version", big);
        assertThat(next().payload()).hasSize(big.length);
        assertThat(serverEvents.count("dropped")).isZero();

        MessageSession second = connect();
        second.sendMessage("version", new byte[big.length + 1]);   // sending checks no limit, as aiorpcX
        assertThat(serverEvents.await("dropped")).startsWith("dropped oversized payload of 2000001 bytes");
        second.closed().get(20, TimeUnit.SECONDS);
        assertThat(session.isOpen()).isTrue();
        assertThat(handled).hasSize(1);
    }

    @Test
    void blockMayBeLargerThanOtherMessages() throws Exception {
        BitcoinFramer.Options small = BitcoinFramer.Options.builder().maxPayloadSize(1_000).maxBlockSize(10_000).build();
        SessionOptions options = SessionOptions.builder().framing(Framing.bitcoin(small)).build();
        start(options);
        MessageSession session = connect(options, MessageHandler.none());
        session.sendMessage("block", new byte[10_000]);
        assertThat(next().payload()).hasSize(10_000);
        session.sendMessage("tx", new byte[1_001]);
        assertThat(serverEvents.await("dropped")).startsWith("dropped oversized payload of 1001 bytes for command 'tx'");
        session.closed().get(20, TimeUnit.SECONDS);
    }

    @Test
    void serverBusy() throws Exception {
        start(SessionOptions.builder().processingTimeout(Duration.ofMillis(100)).build());
        MessageSession session = connect();
        session.sendMessage("sleep", new byte[0]);
        assertThat(sleeperStarted.await(20, TimeUnit.SECONDS)).isTrue();
        serverEvents.await("handler timed out BinaryMessage[command=sleep");
        serverEvents.await("finished BinaryMessage[command=sleep, payload=0 bytes ] TaskTimeoutException");
        assertThat(interrupted).hasValue(1);
        assertThat(serverSession.get().stats().errors()).isEqualTo(1);
        session.sendMessage("version", ABC);   // and the session goes on
        next();
        assertThat(next()).isEqualTo(new BinaryMessage("version", ABC));
    }

    @Test
    void aCommandTooLongIsRefusedToTheSender() throws Exception {
        start();
        MessageSession session = connect();
        assertThatThrownBy(() -> session.sendMessage("thirteen-byte", ABC))
                .isInstanceOf(CallRefusedException.class)
                .hasMessageContaining("command 'thirteen-byte' is longer than 12 bytes");
        assertThatThrownBy(() -> session.sendMessage("caf\u00e9\u20ac", ABC)).isInstanceOf(CallRefusedException.class);
        session.sendMessage("twelve-bytes", ABC);
        assertThat(next()).isEqualTo(new BinaryMessage("twelve-bytes", ABC));
    }

    @Test
    void sendingOnAClosedSessionFails() throws Exception {
        start();
        MessageSession session = connect();
        session.close();
        assertThatThrownBy(() -> session.sendMessage("version", ABC)).isInstanceOf(ConnectionLostException.class);
    }

    @Test
    void aFramingWithoutCommandsIsRefused() {
        SessionOptions newline = SessionOptions.builder().framing(Framing.newline()).build();
        assertThatThrownBy(() -> MessageServer.builder().listen(listenUrl()).options(newline).start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BinaryFramer");
        assertThatThrownBy(() -> MessageClient.builder().options(newline).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BinaryFramer");
    }

    @Test
    void messagesAreAdmittedAsRequestsAre() throws Exception {
        // two handlers at most, a backlog of four: the rest wait in the network and reading pauses
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        start(SessionOptions.builder().maxConcurrent(2).maxBacklog(4).build(), (s, m) -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await();
            } finally {
                running.decrementAndGet();
                handled.add(m);
            }
        });
        MessageSession session = connect();
        for (int n = 0; n < 50; n++) {
            session.sendMessage("n", new byte[] {(byte) n});
        }
        serverEvents.await("paused [BACKLOG]");
        assertThat(most.get()).isLessThanOrEqualTo(2);
        release.countDown();
        serverEvents.await("resumed");
        serverEvents.await(e -> serverEvents.count("finished") >= 50);
        assertThat(handled).hasSize(50);
        // never more than the target at once (whether two ever overlapped depends on scheduling)
        assertThat(most.get()).isBetween(1, 2);
    }
}
