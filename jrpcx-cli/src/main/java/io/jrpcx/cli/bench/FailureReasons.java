package io.jrpcx.cli.bench;

import io.jrpcx.jsonrpc.RpcError;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Why the requests of a load run failed, counted by reason: an error response by code and message,
 * anything else by its kind and message.
 *
 * <pre>{@code
 * reasons.add(new RpcError(-32601, "unknown method \"x\""), 1);
 * reasons.snapshot();   // {"error -32601: unknown method \"x\"": 1}
 * }</pre>
 */
final class FailureReasons {
    private static final int MAX_REASONS = 20;

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void add(Throwable failure, long n) {
        Throwable f = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String reason = f instanceof RpcError e ? "error " + e.code() + ": " + e.message()
                : f.getClass().getSimpleName() + ": " + f.getMessage();
        if (counts.size() >= MAX_REASONS && !counts.containsKey(reason)) {
            reason = "other failures";
        }
        counts.computeIfAbsent(reason, k -> new LongAdder()).add(n);
    }

    /** The counts by reason, in the order of the reasons. */
    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
