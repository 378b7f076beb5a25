package io.jrpcx.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Sans-I/O state of one JSON-RPC connection: allocates request ids, tracks requests and batches awaiting
 * their responses, interprets incoming messages and builds the responses to incoming requests. It does
 * no I/O: bytes go in through {@link #receiveMessage(byte[])} and come out as return values. Thread-safe.
 *
 * <pre>{@code
 * JsonRpcConnection conn = new JsonRpcConnection(JsonRpc.V2);
 * JsonRpcConnection.Outgoing out = conn.sendRequest(new Request("echo", Arguments.of("hi")));
 * socket.write(out.message());
 * // ... later, for each message read from the socket:
 * JsonRpcConnection.Received received = conn.receiveMessage(line);
 * received.replies().forEach(socket::write);
 * for (Incoming in : received.incoming()) {
 *     byte[] reply = in.complete(handle(in.item()));
 *     if (reply != null) socket.write(reply);
 * }
 * }</pre>
 */
public final class JsonRpcConnection {

    /** An encoded request and the future of its result (completed exceptionally with {@link RpcError}). */
    public record Outgoing(byte[] message, CompletableFuture<JsonNode> response) {
    }

    /**
     * An encoded batch and the future of its results: one entry per request of the batch, in order, each
     * a {@link Response} or an {@link RpcError}.
     */
    public record OutgoingBatch(byte[] message, CompletableFuture<List<Item>> responses) {
    }

    /**
     * The outcome of one received message: requests and notifications to handle, replies to send at once
     * (error responses to bad input), and the protocol errors found (for logging and counting).
     */
    public record Received(List<Incoming> incoming, List<byte[]> replies, List<ProtocolError> errors) {
    }

    /**
     * An incoming request or notification. {@link #complete(Object)} is called once with its outcome and
     * returns the bytes to send, if any: nothing for a notification, and for a batch member nothing until
     * the last member of its batch completes, which returns the whole batch response.
     */
    public interface Incoming {
        /** A {@link Request} or a {@link Notification}. */
        Item item();

        /**
         * Records the outcome: a {@link JsonNode} or other Java value (converted to JSON) for success, an
         * {@link RpcError} for an error response.
         */
        byte @Nullable [] complete(@Nullable Object outcome);
    }

    public JsonRpcConnection(JsonRpcProtocol protocol) {
        throw new UnsupportedOperationException("TODO");
    }

    public JsonRpcProtocol protocol() {
        throw new UnsupportedOperationException("TODO");
    }

    public void setMaxResponseSize(int bytes) {
        throw new UnsupportedOperationException("TODO");
    }

    public Outgoing sendRequest(Request request) {
        throw new UnsupportedOperationException("TODO");
    }

    public byte[] sendNotification(Notification notification) {
        throw new UnsupportedOperationException("TODO");
    }

    public OutgoingBatch sendBatch(Batch batch) {
        throw new UnsupportedOperationException("TODO");
    }

    public Received receiveMessage(byte[] message) {
        throw new UnsupportedOperationException("TODO");
    }

    public void cancelPendingRequests(RuntimeException cause) {
        throw new UnsupportedOperationException("TODO");
    }

    public int pendingRequestCount() {
        throw new UnsupportedOperationException("TODO");
    }
}
