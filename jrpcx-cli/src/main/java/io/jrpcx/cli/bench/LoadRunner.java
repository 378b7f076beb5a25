package io.jrpcx.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.jsonrpc.Arguments;
import io.jrpcx.jsonrpc.Batch;
import io.jrpcx.jsonrpc.Item;
import io.jrpcx.jsonrpc.Request;
import io.jrpcx.jsonrpc.RpcError;
import io.jrpcx.session.RpcClient;
import io.jrpcx.session.RpcSession;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A pipelined load client: each connection keeps {@code depth} requests (or batches) in flight, sending
 * the next as soon as one is answered, and records each request's latency from its own send to its own
 * response.
 *
 * <pre>{@code
 * LoadReport report = new LoadRunner(config).run(p -> System.err.print("\r" + p));
 * }</pre>
 */
public final class LoadRunner {
    /** The server method that reports its heap use, if the server has it. */
    public static final String STATS_METHOD = "jrpcx.stats";

    private final LoadConfig config;
    private final Recorder recorder = new Recorder(3);
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final FailureReasons reasons = new FailureReasons();
    private volatile boolean running = true;
    private volatile @org.jspecify.annotations.Nullable RpcError throttled;

    public LoadRunner(LoadConfig config) {
        this.config = config;
    }

    /** A progress snapshot, given about once a second. */
    public record Progress(double seconds, long requests, double rate, long errors, long p99Micros) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%5.1fs  %,d requests  %,.0f/s  errors %d  p99 %dus",
                    seconds, requests, rate, errors, p99Micros);
        }
    }

    /** Runs the load and returns its report. */
    public LoadReport run(Consumer<Progress> progress) throws InterruptedException {
        RpcClient client = config.client();
        List<RpcSession> sessions = new ArrayList<>();
        List<RpcSession> idle = new ArrayList<>();
        try {
            OptionalLong heapBefore = config.idle() > 0 ? serverHeap(client) : OptionalLong.empty();
            for (int i = 0; i < config.idle(); i++) {
                idle.add(client.connect(config.address()));
            }
            OptionalLong idleCost = OptionalLong.empty();
            if (config.idle() > 0 && heapBefore.isPresent()) {
                OptionalLong heapAfter = serverHeap(client);
                if (heapAfter.isPresent()) {
                    idleCost = OptionalLong.of(Math.max(0, (heapAfter.getAsLong() - heapBefore.getAsLong()) / config.idle()));
                }
            }
            for (int i = 0; i < config.connections(); i++) {
                sessions.add(client.connect(config.address()));
            }
            Histogram total = new Histogram(3);
            CountDownLatch drained = new CountDownLatch(config.connections() * config.depth());
            long start = System.nanoTime();
            for (RpcSession session : sessions) {
                for (int d = 0; d < config.depth(); d++) {
                    sendNext(session, drained);
                }
            }
            long end = start + config.duration().toNanos();
            long lastCount = 0;
            long lastTick = start;
            while (true) {
                long now = System.nanoTime();
                if (now >= end) {
                    break;
                }
                long wait = Math.min(end - now, TimeUnit.SECONDS.toNanos(1));
                if (drained.await(wait, TimeUnit.NANOSECONDS)) {
                    break; // every connection failed
                }
                now = System.nanoTime();
                Histogram interval = recorder.getIntervalHistogram();
                total.add(interval);
                long count = completed.get();
                progress.accept(new Progress((now - start) / 1e9, count,
                        (count - lastCount) / ((now - lastTick) / 1e9), errors.get(),
                        interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(99)));
                lastCount = count;
                lastTick = now;
            }
            running = false;
            long stop = System.nanoTime();
            long counted = completed.get();
            drained.await(30, TimeUnit.SECONDS);
            total.add(recorder.getIntervalHistogram());
            return new LoadReport(counted, errors.get(), (stop - start) / 1e9, total, config.idle(), idleCost,
                    reasons.snapshot());
        } finally {
            running = false;
            for (RpcSession s : sessions) {
                s.abort();
            }
            for (RpcSession s : idle) {
                s.abort();
            }
        }
    }

    private OptionalLong serverHeap(RpcClient client) {
        try (RpcSession probe = client.connect(config.address())) {
            JsonNode stats = probe.request(STATS_METHOD, Arguments.named(java.util.Map.of("gc", true)));
            JsonNode heap = stats.get("heap_used");
            return heap == null || !heap.canConvertToLong() ? OptionalLong.empty() : OptionalLong.of(heap.asLong());
        } catch (RpcError e) {
            return OptionalLong.empty();
        }
    }

    private void sendNext(RpcSession session, CountDownLatch drained) {
        if (!running) {
            drained.countDown();
            return;
        }
        long t0 = System.nanoTime();
        CompletableFuture<?> future;
        if (config.batch() > 1) {
            future = session.sendBatchAsync(batch());
        } else {
            future = session.requestAsync(config.method(), ARGS);
        }
        future.whenComplete((result, failure) -> {
            recorder.recordValue(Math.max(0, (System.nanoTime() - t0) / 1000));
            if (failure != null) {
                noteThrottle(failure instanceof java.util.concurrent.CompletionException c ? c.getCause() : failure);
                errors.addAndGet(config.batch());
                reasons.add(failure, config.batch());
                if (!session.isOpen()) {
                    drained.countDown();
                    return;
                }
            } else {
                if (result instanceof List<?> items) {
                    for (Object item : items) {
                        if (item instanceof RpcError e) {
                            noteThrottle(e);
                            errors.incrementAndGet();
                            reasons.add(e, 1);
                        }
                    }
                }
                completed.addAndGet(config.batch());
            }
            sendNext(session, drained);
        });
    }

    /** Keeps the last error that tells the client to back off (its data has a {@code retry_after}). */
    private void noteThrottle(@org.jspecify.annotations.Nullable Throwable failure) {
        if (failure instanceof RpcError e && e.data() != null && e.data().has("retry_after")) {
            throttled = e;
        }
    }

    /** The last throttle signal the server sent, if any: {@code -101 excessive resource usage {"retry_after": ...}}. */
    public java.util.Optional<String> throttleSignal() {
        RpcError e = throttled;
        if (e == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(e.code() + " " + e.message() + " " + e.data());
    }

    private static final Arguments ARGS = Arguments.of("hello world");

    private Batch cachedBatch;

    private Batch batch() {
        Batch b = cachedBatch;
        if (b == null) {
            List<Item> items = new ArrayList<>(config.batch());
            for (int i = 0; i < config.batch(); i++) {
                items.add(new Request(config.method(), ARGS));
            }
            b = new Batch(Collections.unmodifiableList(items));
            cachedBatch = b;
        }
        return b;
    }
}
