package io.jrpcx.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.internal.json.Json;
import io.jrpcx.session.Session;
import io.jrpcx.session.SessionListener;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Watches the one session of {@code jrpcx call}: with {@code -v} prints every message sent ({@code > })
 * and received ({@code < }) on stderr, and reports at once, in {@link #trouble()}, a peer that sends
 * what is not JSON, a JSON-RPC 1.0 answer to a 2.0 call, or a message too large for the framing, instead
 * of waiting for the time limit.
 *
 * <pre>{@code
 * CallWatch watch = new CallWatch(err, verbose, true, false);
 * RpcClient.builder().listener(watch);
 * }</pre>
 */
final class CallWatch implements SessionListener {
    private static final int SHOWN = 80;

    private final PrintWriter err;
    private final boolean verbose;
    private final boolean strictV2;
    private final CompletableFuture<String> trouble = new CompletableFuture<>();

    private final boolean v1;

    CallWatch(PrintWriter err, boolean verbose, boolean strictV2, boolean v1) {
        this.err = err;
        this.verbose = verbose;
        this.strictV2 = strictV2;
        this.v1 = v1;
    }

    /** Completes with a one-line description of what went wrong with the peer's messages. */
    CompletableFuture<String> trouble() {
        return trouble;
    }

    @Override
    public void messageContent(Session session, byte[] message, boolean incoming) {
        if (verbose) {
            synchronized (err) {
                err.println((incoming ? "< " : "> ") + new String(message, StandardCharsets.UTF_8));
                err.flush();
            }
        }
        if (incoming) {
            check(message);
        }
    }

    @Override
    public void messageDropped(Session session, String reason) {
        trouble.complete("the peer sent a message that was dropped: " + reason);
    }

    private void check(byte[] message) {
        JsonNode node;
        try {
            node = Json.nodeReader().readTree(message);
        } catch (Exception e) {
            trouble.complete("the peer sent something that is not JSON (" + message.length + " bytes): "
                    + shown(message));
            return;
        }
        if (strictV2 && node != null && node.isObject() && !node.has("method")
                && !"2.0".equals(node.path("jsonrpc").asText(null))) {
            trouble.complete("the peer answered without \"jsonrpc\": \"2.0\" (" + shown(message)
                    + "): if it speaks JSON-RPC 1.0, try --protocol auto");
        } else if (v1 && node != null && node.isObject() && "2.0".equals(node.path("jsonrpc").asText(null))) {
            trouble.complete("the peer answered in JSON-RPC 2.0 (" + shown(message) + "): try --protocol auto");
        }
    }

    /** The start of a message, printable, on one line. */
    static String shown(byte[] message) {
        String text = new String(message, 0, Math.min(message.length, SHOWN * 4), StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length() && sb.length() < SHOWN; i++) {
            char c = text.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return "'" + sb + (message.length > SHOWN || text.length() > SHOWN ? "...'" : "'");
    }
}
