package io.jrpcx.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One JSON-RPC dialect: how messages are parsed into items and how items are encoded. The instances
 * are {@link JsonRpc#V1}, {@link JsonRpc#V2}, {@link JsonRpc#LOOSE} and {@link JsonRpc#AUTO}.
 * Implementations are stateless and thread-safe.
 *
 * <pre>{@code
 * JsonRpcProtocol v2 = JsonRpc.V2;
 * byte[] wire = v2.requestMessage(new Request("echo", Arguments.of("hi")), RequestId.of(1));
 * Decoded decoded = v2.messageToItem(wire);
 * }</pre>
 */
public interface JsonRpcProtocol {

    /** A short name: {@code v1}, {@code v2}, {@code loose} or {@code auto}. */
    String name();

    /** Whether batches are accepted and may be sent. */
    boolean allowsBatches();

    /**
     * Parses one message. A single object yields its item and id; an array yields a
     * {@link Decoded.BatchPayload} whose elements the connection interprets one by one with
     * {@link #payloadToItem(JsonNode)}.
     *
     * @throws ProtocolError for a message that is not valid JSON or not a valid item
     */
    Decoded messageToItem(byte[] message);

    /** Interprets one already-parsed JSON object (a message or a batch element). */
    Decoded.Single payloadToItem(JsonNode payload);

    /** Encodes a request with the given id. */
    byte[] requestMessage(Request request, RequestId id);

    /** Encodes a notification. */
    byte[] notificationMessage(Notification notification);

    /** Encodes a successful response. */
    byte[] responseMessage(JsonNode result, RequestId id);

    /** Encodes an error response. */
    byte[] errorMessage(RpcError error, RequestId id);

    /**
     * Encodes a batch; {@code ids} gives the id of each request of the batch in order (notifications
     * take none).
     */
    byte[] batchMessage(Batch batch, List<RequestId> ids);

    /** Joins already-encoded messages into one batch message. */
    byte[] batchMessageFromParts(List<byte[]> parts);

    /** Encodes a JSON value compactly as UTF-8. */
    byte[] encodePayload(JsonNode payload);
}
