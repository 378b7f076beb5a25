package io.jrpcx.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * An error in a message received from the peer: it could not be parsed, or it is not a valid request
 * or response. When {@link #responseId()} is not absent, the error is answered with an error response
 * carrying that id; otherwise it is only reported.
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

    public ProtocolError(int code, String message, RequestId responseId) {
        this(code, message, null, responseId);
    }

    public ProtocolError(int code, String message, @Nullable JsonNode data, RequestId responseId) {
        super(code, message, data);
        this.responseId = responseId;
    }

    /** The id to answer with; {@link RequestId#absent()} when no error response is to be sent. */
    public RequestId responseId() {
        return responseId;
    }
}
