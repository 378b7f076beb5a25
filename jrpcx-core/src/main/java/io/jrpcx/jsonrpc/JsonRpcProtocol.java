package io.jrpcx.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One JSON-RPC dialect: how messages are parsed into items and how items are encoded. The instances
 * are {@link JsonRpc#V1}, {@link JsonRpc#V2}, {@link JsonRpc#LOOSE} and {@link JsonRpc#AUTO}.
 * Implementations are stateless and thread-safe. Encoding is compact UTF-8; a batch joins its members
 * with {@code ", "}.
 *
 * <pre>{@code
 * JsonRpcProtocol v2 = JsonRpc.V2;
 * byte[] wire = v2.requestMessage(new Request("echo", Arguments.of("hi")), RequestId.of(1));
 * Decoded decoded = v2.messageToItem(wire);
 * }</pre>
 */
public interface JsonRpcProtocol {

    /** {@return a short name: {@code v1}, {@code v2}, {@code loose} or {@code auto}} */
    String name();

    /** {@return whether batches are accepted and may be sent} */
    boolean allowsBatches();

    /**
     * Parses a message: strict UTF-8, a single JSON value (no {@code NaN} or {@code Infinity}), nesting
     * within the shared limit.
     *
     * @param message the message's bytes
     * @return the parsed JSON value
     * @throws ProtocolError -32700 ({@code invalid JSON} or {@code messages must be encoded in UTF-8})
     */
    JsonNode parse(byte[] message);

    /**
     * Parses one message. A single object yields its item and id; an array yields a
     * {@link Decoded.BatchPayload} whose elements the connection interprets one by one with
     * {@link #payloadToItem(JsonNode)}.
     *
     * @param message the message's bytes
     * @return the item and its id, or the elements of a batch
     * @throws ProtocolError for a message that is not valid JSON or not a valid item
     */
    Decoded messageToItem(byte[] message);

    /**
     * Interprets a parsed message: {@link #messageToItem(byte[])} after {@link #parse(byte[])}.
     *
     * @param payload the parsed message
     * @return the item and its id, or the elements of a batch
     */
    Decoded decode(JsonNode payload);

    /**
     * Interprets one already-parsed JSON object (a message or a batch element).
     *
     * @param payload a JSON object
     * @return the item and its id
     */
    Decoded.Single payloadToItem(JsonNode payload);

    /**
     * Interprets an object as a request or notification whatever members it has (a member of a request
     * batch: one without a {@code method} is an error answered in the batch response).
     *
     * @param element a member of a request batch
     * @return the request or notification and its id
     */
    Decoded.Single requestToItem(JsonNode element);

    /**
     * Interprets an object as a response whatever members it has (a member of a response batch).
     *
     * @param element a member of a response batch
     * @return the response or error response and its id
     * @throws ProtocolError for an ill-formed response; its {@link ProtocolError#responseTo()} is the id
     */
    Decoded.Single responseToItem(JsonNode element);

    /**
     * {@return the dialect a connection should switch to after receiving {@code payload} as its first message}
     * Only {@link JsonRpc#AUTO} detects; the others return themselves.
     *
     * @param payload the first message received, parsed
     */
    default JsonRpcProtocol detect(JsonNode payload) {
        return this;
    }

    /**
     * Encodes a request with the given id.
     *
     * @param request the request
     * @param id its id
     * @return the encoded message
     */
    byte[] requestMessage(Request request, RequestId id);

    /**
     * Encodes a notification.
     *
     * @param notification the notification
     * @return the encoded message
     */
    byte[] notificationMessage(Notification notification);

    /**
     * Encodes a successful response.
     *
     * @param result the result
     * @param id the id of the request it answers
     * @return the encoded message
     * @throws IllegalArgumentException if the result holds a non-finite number, which JSON cannot express
     */
    byte[] responseMessage(JsonNode result, RequestId id);

    /**
     * Encodes an error response.
     *
     * @param error the error
     * @param id the id of the request it answers; {@link RequestId#nullId()} when unknown
     * @return the encoded message
     */
    byte[] errorMessage(RpcError error, RequestId id);

    /**
     * Encodes a batch; {@code ids} gives the id of each request of the batch in order (notifications
     * take none).
     *
     * @param batch the batch
     * @param ids the ids of its requests, in order
     * @return the encoded message
     * @throws ProtocolError if the dialect does not permit batches or the batch is empty
     */
    byte[] batchMessage(Batch batch, List<RequestId> ids);

    /**
     * Joins already-encoded messages into one batch message.
     *
     * @param parts the encoded members, in order
     * @return the encoded batch
     * @throws ProtocolError -32600 {@code batch is empty} when there are no parts ({@code []} is not a
     *     valid batch)
     */
    byte[] batchMessageFromParts(List<byte[]> parts);

    /**
     * Encodes a JSON value compactly as UTF-8.
     *
     * @param payload the JSON value
     * @return its UTF-8 bytes
     */
    byte[] encodePayload(JsonNode payload);
}
