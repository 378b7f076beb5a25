package io.jrpcx.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.jsonrpc.Arguments;
import io.jrpcx.jsonrpc.Batch;
import io.jrpcx.jsonrpc.Item;
import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.Notification;
import io.jrpcx.jsonrpc.ReplyAndDisconnect;
import io.jrpcx.jsonrpc.Request;
import io.jrpcx.jsonrpc.Response;
import io.jrpcx.jsonrpc.RpcError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import io.jrpcx.framing.Framing;
import io.jrpcx.internal.transport.EventLoops;
import io.jrpcx.net.Service;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * The behaviour every transport must give sessions, after grpc-java's {@code AbstractTransportTest}.
 * Each transport's test class extends this and says where a server listens and how clients and servers
 * are configured for it.
 */
@Timeout(60)
public abstract class SessionTestSuite {
    protected final BlockingQueue<Item> notifications = new LinkedBlockingQueue<>();
    protected final CountDownLatch blockForever = new CountDownLatch(1);
    protected final CountDownLatch sleeperStarted = new CountDownLatch(1);
    protected final AtomicInteger interrupted = new AtomicInteger();
    protected final AtomicInteger running = new AtomicInteger();
    protected final AtomicInteger mostRunning = new AtomicInteger();
    protected final AtomicReference<Throwable> inlineFailure = new AtomicReference<>();
    protected EventLog serverEvents = new EventLog();
    protected RpcServer server;
    protected final List<RpcSession> clients = new ArrayList<>();

    /** The URL a test server listens on, such as {@code tcp://127.0.0.1:0}. */
    protected abstract String listenUrl();

    /** Adds what the transport needs to a server (certificates, paths). */
    protected RpcServer.Builder configure(RpcServer.Builder builder) {
        return builder;
    }

    /** Adds what the transport needs to a client (trust, proxies). */
    protected RpcClient.Builder configure(RpcClient.Builder builder) {
        return builder;
    }

    /** Starts a server with the given options and handler; its events go to {@link #serverEvents}. */
    protected RpcServer startServer(SessionOptions options, RpcHandler handler) {
        return configure(RpcServer.builder().listen(listenUrl()).options(options).handler(handler)
                .listener(serverEvents)).start();
    }

    /** Connects a client to {@code server}. */
    protected RpcSession connect(RpcServer server, SessionOptions options, RpcHandler handler, SessionListener events) {
        return configure(RpcClient.builder().options(options).handler(handler).listener(events))
                .build().connect(server.services().get(0));
    }

    protected RpcHandler serverHandler() {
        RpcHandler handler = (session, item) -> switch (item) {
            case Request r -> switch (r.method()) {
                case "echo" -> r.args().node().get(0);
                case "named" -> r.args().node().get("x");
                case "fail" -> throw new RpcError(r.args().node().get(0).asInt(), r.args().node().get(1).asText());
                case "crash" -> throw new IllegalStateException("boom");
                case "bye" -> throw new ReplyAndDisconnect("bye");
                case "big" -> "x".repeat(r.args().node().get(0).asInt());
                case "block" -> {
                    int now = running.incrementAndGet();
                    mostRunning.accumulateAndGet(now, Math::max);
                    sleeperStarted.countDown();
                    try {
                        blockForever.await();
                    } catch (InterruptedException e) {
                        interrupted.incrementAndGet();
                        throw e;
                    } finally {
                        running.decrementAndGet();
                    }
                    yield "unblocked";
                }
                case "call_me_back", "inline_call_back" -> {
                    try {
                        yield session.request("client_method", r.args());
                    } catch (RuntimeException e) {
                        inlineFailure.set(e);
                        throw e;
                    }
                }
                default -> throw new RpcError(JsonRpc.METHOD_NOT_FOUND, "unknown method");
            };
            case Notification n -> {
                notifications.add(n);
                yield null;
            }
            default -> throw new IllegalArgumentException();
        };
        return new RpcHandler() {
            @Override
            public Object handle(RpcSession session, Item item) throws Exception {
                return handler.handle(session, item);
            }

            @Override
            public boolean isInline(Item item) {
                return item instanceof Request r && (r.method().equals("inline_call_back") || r.method().equals("echo"));
            }
        };
    }

    protected RpcHandler clientHandler() {
        return (session, item) -> item instanceof Request r && r.method().equals("client_method")
                ? "client got " + r.args().node()
                : null;
    }

    @BeforeEach
    void start() {
        server = startServer(SessionOptions.defaults(), serverHandler());
    }

    @AfterEach
    void stop() {
        blockForever.countDown();
        clients.forEach(RpcSession::abort);
        server.close(Duration.ZERO);
    }

    protected RpcSession client() {
        return client(SessionOptions.defaults(), new EventLog());
    }

    protected RpcSession client(SessionOptions options, EventLog events) {
        RpcSession session = connect(server, options, clientHandler(), events);
        clients.add(session);
        return session;
    }

    /** Restarts the server with other options and a fresh event log. */
    protected void restartServer(SessionOptions options) {
        server.close(Duration.ZERO);
        serverEvents = new EventLog();
        server = startServer(options, serverHandler());
    }

    /** Checks {@code condition} after each round trip on {@code session}, for at most 20 s. */
    protected static void eventually(RpcSession session, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
            session.request("echo", "round trip");
        }
    }

    @Test
    void requestGetsItsResult() {
        assertThat(client().request("echo", "hello").asText()).isEqualTo("hello");
    }

    @Test
    void namedArgumentsReachTheHandler() {
        JsonNode result = client().request("named", Arguments.named(java.util.Map.of("x", 42)));
        assertThat(result.asInt()).isEqualTo(42);
    }

    @Test
    void errorResponseRaisesRpcErrorWithCodeAndMessage() {
        assertThatThrownBy(() -> client().request("fail", 7, "seven"))
                .isInstanceOf(RpcError.class)
                .satisfies(e -> {
                    assertThat(((RpcError) e).code()).isEqualTo(7);
                    assertThat(((RpcError) e).message()).isEqualTo("seven");
                });
    }

    @Test
    void handlerExceptionBecomesInternalError() {
        RpcSession client = client();
        assertThatThrownBy(() -> client.request("crash"))
                .isInstanceOf(RpcError.class)
                .satisfies(e -> assertThat(((RpcError) e).code()).isEqualTo(JsonRpc.INTERNAL_ERROR));
        assertThat(client.request("echo", 1).asInt()).isEqualTo(1);
    }

    @Test
    void manyConcurrentAsyncRequestsAllComplete() {
        RpcSession client = client();
        List<CompletableFuture<JsonNode>> futures = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            futures.add(client.requestAsync("echo", i));
        }
        for (int i = 0; i < futures.size(); i++) {
            assertThat(futures.get(i).join().asInt()).isEqualTo(i);
        }
        assertThat(client.pendingRequests()).isZero();
    }

    @Test
    void batchResultsComeInRequestOrder() {
        List<Item> results = client().sendBatch(new Batch(List.of(
                new Request("echo", Arguments.of("a")),
                new Notification("note", Arguments.of("in batch")),
                new Request("fail", Arguments.of(5, "five")),
                new Request("echo", Arguments.of("c")))));
        assertThat(results).hasSize(3);
        assertThat(((Response) results.get(0)).result().asText()).isEqualTo("a");
        assertThat(((RpcError) results.get(1)).code()).isEqualTo(5);
        assertThat(((Response) results.get(2)).result().asText()).isEqualTo("c");
    }

    @Test
    void notificationReachesTheServer() throws InterruptedException {
        client().sendNotification("note", "hi");
        Item item = notifications.poll(20, TimeUnit.SECONDS);
        assertThat(item).isInstanceOf(Notification.class);
        assertThat(((Notification) item).args().node().get(0).asText()).isEqualTo("hi");
    }

    @Test
    void serverCanCallItsClientOnTheSameConnection() {
        assertThat(client().request("call_me_back", 1, 2).asText()).isEqualTo("client got [1,2]");
    }

    @Test
    void replyAndDisconnectRepliesThenCloses() {
        RpcSession client = client();
        assertThat(client.request("bye").asText()).isEqualTo("bye");
        client.closed().orTimeout(20, TimeUnit.SECONDS).join();
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void pendingRequestsFailWithConnectionLostWhenThePeerGoes() throws InterruptedException {
        RpcSession client = client();
        CompletableFuture<JsonNode> pending = client.requestAsync("block");
        assertThat(sleeperStarted.await(20, TimeUnit.SECONDS)).isTrue();
        server.sessions().forEach(RpcSession::abort);
        assertThatThrownBy(pending::join).hasCauseInstanceOf(ConnectionLostException.class);
        assertThatThrownBy(() -> client.request("echo", 1)).isInstanceOf(ConnectionLostException.class);
    }

    @Test
    void closingAServerSessionInterruptsItsHandlers() throws InterruptedException {
        RpcSession client = client();
        client.requestAsync("block");
        assertThat(sleeperStarted.await(20, TimeUnit.SECONDS)).isTrue();
        RpcSession serverSide = server.sessions().iterator().next();
        serverSide.close(Duration.ofSeconds(5));
        assertThat(serverSide.isOpen()).isFalse();
        client.closed().orTimeout(20, TimeUnit.SECONDS).join();
    }

    @Test
    void statsCountMessagesAndBytesBothWays() {
        RpcSession client = client();
        client.request("echo", "x");
        client.sendNotification("note");
        SessionStats stats = client.stats();
        assertThat(stats.messagesSent()).isEqualTo(2);
        assertThat(stats.messagesReceived()).isEqualTo(1);
        assertThat(stats.bytesSent()).isGreaterThan(40);
        assertThat(stats.bytesReceived()).isGreaterThan(20);
        assertThat(stats.lastSend()).isPresent();
        assertThat(stats.lastReceive()).isPresent();
    }

    @Test
    void oneClientsFailureDoesNotDisturbAnother() {
        RpcSession a = client();
        RpcSession b = client();
        a.abort();
        a.closed().orTimeout(20, TimeUnit.SECONDS).join();
        assertThat(b.request("echo", "still here").asText()).isEqualTo("still here");
    }

    @Test
    void serverSeesItsSessionsOpenAndClose() throws InterruptedException {
        RpcSession client = client();
        client.request("echo", 1);
        assertThat(server.sessions()).hasSize(1);
        RpcSession serverSide = server.sessions().iterator().next();
        CountDownLatch gone = new CountDownLatch(1);
        serverSide.onClose(s -> gone.countDown());
        client.close(Duration.ofSeconds(5));
        assertThat(gone.await(20, TimeUnit.SECONDS)).isTrue();
        serverEvents.await("closed");
        assertThat(server.sessions()).isEmpty();
    }

    // ---- request lifecycle ----

    @Test
    void timedOutCancelledAndAbandonedCallsLeaveNothingPending() throws Exception {
        RpcSession client = client();
        // blocking calls with a time of their own
        List<Thread> callers = new ArrayList<>();
        AtomicInteger timedOut = new AtomicInteger();
        for (int i = 0; i < 300; i++) {
            callers.add(Thread.ofVirtual().start(() -> {
                try {
                    client.request("block", Arguments.none(), Duration.ofMillis(100));
                } catch (RequestTimeoutException e) {
                    timedOut.incrementAndGet();
                }
            }));
        }
        for (Thread t : callers) {
            t.join();
        }
        assertThat(timedOut).hasValue(300);
        assertThat(client.pendingRequests()).isZero();
        // async calls given up with orTimeout, and cancelled
        List<CompletableFuture<JsonNode>> futures = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            futures.add(client.requestAsync("block").orTimeout(50, TimeUnit.MILLISECONDS));
            client.requestAsync("block").cancel(true);
        }
        for (CompletableFuture<JsonNode> f : futures) {
            assertThatThrownBy(f::join).hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);
        }
        assertThat(client.pendingRequests()).isZero();
        // an async call's own time limit
        assertThatThrownBy(() -> client.requestAsync("block", Arguments.none(), Duration.ofMillis(50)).join())
                .hasCauseInstanceOf(RequestTimeoutException.class)
                .hasMessageContaining("no response to 'block' within 50 ms");
        assertThat(client.pendingRequests()).isZero();
        // late answers are dropped and counted; the session goes on
        long errorsBefore = client.stats().errors();
        blockForever.countDown();
        eventually(client, () -> client.stats().errors() > errorsBefore);
        assertThat(client.request("echo", "still fine").asText()).isEqualTo("still fine");
        assertThat(client.pendingRequests()).isZero();
    }

    @Test
    void anInterruptedCallerGetsCallCancelledAndForgetsTheRequest() throws Exception {
        RpcSession client = client();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                client.request("block");
            } catch (RuntimeException e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        assertThat(sleeperStarted.await(20, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        caller.join();
        assertThat(thrown.get()).isInstanceOf(CallCancelledException.class);
        assertThat(stillInterrupted).isTrue();
        assertThat(client.pendingRequests()).isZero();
    }

    @Test
    void aBlockingRequestOnAnIoThreadIsRefusedAtOnce() {
        RpcSession client = client();
        // the server's inline method calls the client back from the I/O thread: refused, not stalled
        assertThatThrownBy(() -> client.request("inline_call_back", Arguments.of(1), Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(RpcError.class, e -> assertThat(e.code()).isEqualTo(JsonRpc.INTERNAL_ERROR));
        assertThat(inlineFailure.get()).isInstanceOf(CallRefusedException.class)
                .hasMessageContaining("I/O thread");
        // the same call from a handler thread of its own works
        assertThat(client.request("call_me_back", 1).asText()).isEqualTo("client got [1]");
    }

    // ---- flow control ----

    @Test
    void admissionBoundsRunningHandlersAndStopsReadingWhenTheBacklogIsFull() throws Exception {
        restartServer(SessionOptions.builder().maxConcurrent(5).maxBacklog(100).build());
        RpcSession client = client();
        List<CompletableFuture<JsonNode>> calls = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            calls.add(client.requestAsync("block", Arguments.none(), Duration.ofSeconds(50)));
        }
        serverEvents.await(e -> e.equals("paused [BACKLOG]"));
        RpcSession serverSide = server.sessions().iterator().next();
        assertThat(serverSide.incomingConcurrency().running()).isEqualTo(5);
        // the backlog stops reading at its bound, give or take the one read that crossed it
        assertThat(serverSide.backlog()).isBetween(100, 100 + 1200);
        assertThat(serverSide.stats().messagesReceived()).isLessThan(3000);
        // lowering the target holds new work back; raising it lets more run
        serverSide.incomingConcurrency().setTarget(2);
        blockForever.countDown();
        for (CompletableFuture<JsonNode> call : calls) {
            assertThat(call.get(50, TimeUnit.SECONDS).asText()).isEqualTo("unblocked");
        }
        serverEvents.await("resumed");
        assertThat(mostRunning.get()).isLessThanOrEqualTo(5);
        eventually(client, () -> serverSide.incomingConcurrency().running() == 0);
    }

    @Test
    void retargetingTheConcurrencySettlesTheRunningCount() throws Exception {
        restartServer(SessionOptions.builder().maxConcurrent(4).build());
        RpcSession client = client();
        for (int i = 0; i < 10; i++) {
            client.requestAsync("block");
        }
        eventually(client, () -> running.get() == 4);
        RpcSession serverSide = server.sessions().iterator().next();
        serverSide.incomingConcurrency().setTarget(7);
        eventually(client, () -> running.get() == 7);
        assertThat(serverSide.backlog()).isEqualTo(3);
        serverSide.incomingConcurrency().setTarget(1);
        assertThat(serverSide.incomingConcurrency().running()).isEqualTo(7);   // nothing is stopped
        assertThat(mostRunning.get()).isEqualTo(7);
    }

    @Test
    void aPeerThatDoesNotReadIsPushedBackThenAbortedAfterTheSendDelay() throws Exception {
        restartServer(SessionOptions.builder().maxSendDelay(Duration.ofMillis(500)).build());
        EventLog clientEvents = new EventLog();
        RpcSession client = client(SessionOptions.defaults(), clientEvents);
        client.pauseReading();
        for (int i = 0; i < 400; i++) {
            client.requestAsync("big", 256 * 1024);   // 100 MB of answers, never read
        }
        serverEvents.await(e -> e.startsWith("paused") && e.contains("NOT_WRITABLE"));
        String closed = serverEvents.await("closed");
        assertThat(closed).contains("read nothing for 500 ms");
        client.closed().get(20, TimeUnit.SECONDS);
        assertThatThrownBy(() -> client.request("echo", 1)).isInstanceOf(ConnectionLostException.class);
        // another client of the same server is served meanwhile and after
        assertThat(client().request("echo", "other").asText()).isEqualTo("other");
    }

    // ---- closing ----

    @Test
    void serverShutdownInterruptsRunningHandlers() throws Exception {
        RpcSession a = client();
        RpcSession b = client();
        for (int i = 0; i < 3; i++) {
            a.requestAsync("block");
            b.requestAsync("block");
        }
        eventually(a, () -> running.get() == 6);
        long start = System.nanoTime();
        server.close(Duration.ofMillis(200));
        assertThat(interrupted).hasValue(6);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        a.closed().get(20, TimeUnit.SECONDS);
        b.closed().get(20, TimeUnit.SECONDS);
    }

    @Test
    void aLostConnectionEndsItsHandlersAndBacklogAtOnce() throws Exception {
        RpcSession client = client();
        for (int i = 0; i < 500; i++) {
            client.requestAsync("block");
        }
        eventually(client, () -> running.get() == 20);
        RpcSession serverSide = server.sessions().iterator().next();
        eventually(client, () -> serverSide.backlog() == 480);
        client.abort();
        serverSide.closed().get(20, TimeUnit.SECONDS);
        assertThat(interrupted).hasValue(20);
        assertThat(running).hasValue(0);
        assertThat(serverSide.backlog()).isZero();
    }

    @Test
    void closingTheServerClosesConnectionsStillBeingAccepted() throws Exception {
        Service target = server.services().get(0);
        List<Socket> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread opener = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 200; i++) {
                try {
                    sockets.add(new Socket(target.host().toString(), target.port()));
                } catch (java.io.IOException e) {
                    return;   // the listener is closed
                }
            }
        });
        eventually(client(), () -> !sockets.isEmpty());
        server.close(Duration.ofSeconds(1));
        opener.join();
        assertThat(server.connections()).isZero();
        for (Socket socket : sockets) {
            socket.setSoTimeout(5_000);
            if (!endedOrReset(socket)) {
                // Linux's own race, met with a plain JDK ServerSocket too (about 3 rounds in 100): a connect
                // that completes as the listener closes can leave a client socket that no server socket
                // ever held, and nothing ever tells it. Nobody holds it, so a byte written to it is answered
                // with a reset (34 of 34 such sockets in a 1,000-round run); a connection the server still
                // held would take the byte and stay open.
                try {
                    socket.getOutputStream().write('\n');
                } catch (java.io.IOException closed) {
                    // closed all the same
                }
                socket.setSoTimeout(20_000);
                assertThat(endedOrReset(socket)).as("a connection the server never closed: %s", socket).isTrue();
            }
            socket.close();
        }
    }

    /** Reads to the end of the stream (after at most a TLS close alert); false when nothing came in time. */
    private static boolean endedOrReset(Socket socket) throws java.io.IOException {
        try {
            return socket.getInputStream().readNBytes(1024).length < 1024;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;   // closed by a reset: closed all the same
        }
    }

    @Test
    void callbacksOnClosedRunOffTheIoThreadAndMayBlock() throws Exception {
        RpcSession client = client();
        RpcSession other = client();
        CompletableFuture<Boolean> onIoThread = new CompletableFuture<>();
        CompletableFuture<String> blockingCall = new CompletableFuture<>();
        client.closed().thenRun(() -> {
            onIoThread.complete(EventLoops.onEventLoop());
            blockingCall.complete(other.request("echo", "from a close callback").asText());
        });
        client.request("echo", 1);
        client.abort();
        assertThat(onIoThread.get(20, TimeUnit.SECONDS)).isFalse();
        assertThat(blockingCall.get(20, TimeUnit.SECONDS)).isEqualTo("from a close callback");
    }

    @Test
    void aLostConnectionWithCallsPendingLogsNoErrors() throws Exception {
        RpcHandler silentClient = (session, item) -> {
            new CountDownLatch(1).await();   // never answers the server's calls
            return null;
        };
        RpcSession client = configure(RpcClient.builder().handler(silentClient)).build().connect(server.services().get(0));
        clients.add(client);
        client.request("echo", "the server has its session once this is answered");
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (int i = 0; i < 2000; i++) {
                client.requestAsync("call_me_back", i);
            }
            RpcSession serverSide = server.sessions().iterator().next();
            eventually(client(), () -> serverSide.pendingRequests() == 20);
            client.abort();
            serverSide.closed().get(20, TimeUnit.SECONDS);
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).doesNotContain("ERROR").doesNotContain("WARN");
    }

    @Test
    void eventsTellARequestsLife() throws Exception {
        EventLog events = new EventLog();
        RpcSession client = client(SessionOptions.defaults(), events);
        client.request("echo", "hi");
        serverEvents.await(e -> e.startsWith("finished") && e.contains("echo"));
        assertThat(serverEvents.events()).containsSubsequence("opened", "received");
        assertThat(serverEvents.events().stream().filter(e -> e.contains("echo")).toList())
                .containsExactly("dispatched Request[method=echo, args=[\"hi\"]]",
                        "finished Request[method=echo, args=[\"hi\"]]");
        assertThatThrownBy(() -> client.request("block", Arguments.none(), Duration.ofMillis(50)))
                .isInstanceOf(RequestTimeoutException.class);
        events.await("response timed out block");
        blockForever.countDown();   // a peer that closes still gets its answers first: let the handler end
        client.close();
        events.await("closed");
        serverEvents.await("closed");
    }
}

