package io.jrpcx.benchmarks;

import io.jrpcx.framing.BinaryMessage;
import io.jrpcx.jsonrpc.Arguments;
import io.jrpcx.jsonrpc.Item;
import io.jrpcx.jsonrpc.Request;
import io.jrpcx.session.MessageClient;
import io.jrpcx.session.MessageOptions;
import io.jrpcx.session.MessageServer;
import io.jrpcx.session.MessageSession;
import io.jrpcx.session.RpcClient;
import io.jrpcx.session.RpcHandler;
import io.jrpcx.session.RpcServer;
import io.jrpcx.session.RpcSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * End to end over loopback TCP, in one process: clients keep a number of 1 KB echoes in flight on each
 * connection and count the echoes that come back per second, first through message sessions (Bitcoin
 * framing, each message handled on its own virtual thread; then with the server's sessions ordered), then through JSON-RPC sessions with a
 * 1 KB string and a handler that also runs on its own virtual thread, for comparison.
 *
 * <pre>{@code
 * java -cp jrpcx-benchmarks/target/jrpcx-benchmarks.jar io.jrpcx.benchmarks.MessageEchoBenchmark 4 16 5 3
 * }</pre>
 * Arguments: connections, in flight per connection, seconds measured, seconds of warm-up before it.
 */
public final class MessageEchoBenchmark {
    private static final int PAYLOAD = 1024;

    private MessageEchoBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int depth = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        System.out.printf("%d connections x %d in flight, 1 KB payloads, %d s after %d s of warm-up%n",
                connections, depth, seconds, warmup);
        messages(connections, depth, warmup, false);
        report("message session", messages(connections, depth, seconds, false), seconds);
        report("ordered messages", messages(connections, depth, seconds, true), seconds);
        rpc(connections, depth, warmup);
        report("JSON-RPC session", rpc(connections, depth, seconds), seconds);
    }

    private static void report(String what, long echoes, int seconds) {
        double rate = echoes / (double) seconds;
        System.out.printf("%-17s %,12.0f echoes/s  %,8.1f MB/s of payload each way%n", what, rate, rate * PAYLOAD / 1e6);
    }

    /** Echoes counted during {@code seconds} of message-session load. */
    private static long messages(int connections, int depth, int seconds, boolean ordered) throws Exception {
        byte[] payload = new byte[PAYLOAD];
        Arrays.fill(payload, (byte) 'x');
        LongAdder echoes = new LongAdder();
        MessageServer server = MessageServer.builder().listen("tcp://127.0.0.1:0")
                .messageOptions(MessageOptions.builder().ordered(ordered).build())
                .handler((session, message) -> session.sendMessage(message)).start();
        List<MessageSession> sessions = new ArrayList<>();
        List<Thread> senders = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try {
            for (int c = 0; c < connections; c++) {
                Semaphore window = new Semaphore(depth);
                MessageSession session = MessageClient.builder().handler((s, m) -> {
                    echoes.increment();
                    window.release();
                }).build().connect(server.services().get(0));
                sessions.add(session);
                senders.add(Thread.ofVirtual().start(() -> {
                    BinaryMessage message = new BinaryMessage("echo", payload);
                    while (System.nanoTime() < end) {
                        try {
                            if (window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                                session.sendMessage(message);
                            }
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }));
            }
            for (Thread t : senders) {
                t.join();
            }
            return echoes.sum();
        } finally {
            sessions.forEach(s -> s.close(Duration.ZERO));
            server.close(Duration.ZERO);
        }
    }

    /** Echoes counted during {@code seconds} of JSON-RPC load with the same payload size. */
    private static long rpc(int connections, int depth, int seconds) throws Exception {
        String payload = "x".repeat(PAYLOAD);
        LongAdder echoes = new LongAdder();
        RpcHandler echo = (RpcSession session, Item item) -> ((Request) item).args().node().get(0);
        RpcServer server = RpcServer.builder().listen("tcp://127.0.0.1:0").handler(echo).start();
        List<RpcSession> sessions = new ArrayList<>();
        List<Thread> senders = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try {
            for (int c = 0; c < connections; c++) {
                Semaphore window = new Semaphore(depth);
                RpcSession session = RpcClient.builder().build().connect(server.services().get(0));
                sessions.add(session);
                senders.add(Thread.ofVirtual().start(() -> {
                    Arguments args = Arguments.of(payload);
                    while (System.nanoTime() < end) {
                        try {
                            if (window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                                session.requestAsync("echo", args).whenComplete((r, e) -> {
                                    if (e == null) {
                                        echoes.increment();
                                    }
                                    window.release();
                                });
                            }
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }));
            }
            for (Thread t : senders) {
                t.join();
            }
            return echoes.sum();
        } finally {
            sessions.forEach(s -> s.close(Duration.ZERO));
            server.close(Duration.ZERO);
        }
    }
}
