package io.jrpcx.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A successful response's result. Error responses are {@link RpcError}s.
 *
 * <pre>{@code
 * Response response = new Response(IntNode.valueOf(3));
 * }</pre>
 *
 * @param result the result; JSON {@code null} for a method that returns nothing
 */
public record Response(JsonNode result) implements Item {
    /** Checks that the result is not {@code null} (JSON {@code null} is a {@code NullNode}). */
    public Response {
        Objects.requireNonNull(result, "result (use NullNode for JSON null)");
    }
}
