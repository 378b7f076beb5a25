package io.jrpcx.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * An error in a message received from the peer: it could not be parsed, or it is not a valid request
 * or response. When {@link #responseId()} is not absent, the error is answered with an error response
 * carrying that id; otherwise it is only reported. An ill-formed <em>response</em> is never answered:
 * {@link #responseTo()} then gives the id it carried, so that the request it answers fails with this
 * error.
 *
 * <pre>{@code
 * try {
 *     protocol.messageToItem(bytes);
 * } catch (ProtocolError e) {
 *     System.out.println(e.code() + " " + e.message());
 * }
 * }</pre>
 */
public final class ProtocolError extends RpcError {
    private static final long serialVersionUID = 1L;

    private final transient RequestId responseId;
    private final transient RequestId responseTo;

    /**
     * An error with no data.
     *
     * @param code the JSON-RPC error code, for example {@link JsonRpc#INVALID_REQUEST}
     * @param message a short description for the peer
     * @param responseId the id of the error response, or {@link RequestId#absent()} to only report it
     */
    public ProtocolError(int code, String message, RequestId responseId) {
        this(code, message, null, responseId);
    }

    /**
     * An error with data.
     *
     * @param code the JSON-RPC error code, for example {@link JsonRpc#INVALID_REQUEST}
     * @param message a short description for the peer
     * @param data more about the error, or {@code null}
     * @param responseId the id of the error response, or {@link RequestId#absent()} to only report it
     */
    public ProtocolError(int code, String message, @Nullable JsonNode data, RequestId responseId) {
        this(code, message, data, responseId, RequestId.absent());
    }

    private ProtocolError(int code, String message, @Nullable JsonNode data, RequestId responseId,
            RequestId responseTo) {
        super(code, message, data);
        this.responseId = responseId;
        this.responseTo = responseTo;
    }

    /**
     * {@return an error in a request (or an unparseable message), answered with an error response with id
     * {@code replyId}}
     *
     * @param code the JSON-RPC error code
     * @param message a short description for the peer
     * @param replyId the id of the error response; {@link RequestId#nullId()} when unknown
     */
    public static ProtocolError inRequest(int code, String message, RequestId replyId) {
        return new ProtocolError(code, message, replyId);
    }

    /**
     * An error in a received response carrying id {@code responseTo} ({@link RequestId#nullId()} when it
     * had none usable): reported, never answered.
     *
     * @param code the JSON-RPC error code
     * @param message a short description, for the log
     * @param responseTo the id the response carried
     * @return the error
     */
    public static ProtocolError inResponse(int code, String message, RequestId responseTo) {
        return new ProtocolError(code, message, null, RequestId.absent(), responseTo);
    }

    /**
     * {@return an error that is only reported: neither answered nor tied to a request}
     *
     * @param code the JSON-RPC error code
     * @param message a short description, for the log
     */
    public static ProtocolError reportOnly(int code, String message) {
        return new ProtocolError(code, message, RequestId.absent());
    }

    /** {@return the id to answer with; {@link RequestId#absent()} when no error response is to be sent} */
    public RequestId responseId() {
        return responseId;
    }

    /**
     * For an ill-formed response, the id it carried (the request it answers); {@link RequestId#absent()}
     * when the message was not a response.
     *
     * @return that id, or {@link RequestId#absent()}
     */
    public RequestId responseTo() {
        return responseTo;
    }

    /** {@return true when the error is answered with an error response} */
    public boolean isAnswered() {
        return !responseId.isAbsent();
    }
}
