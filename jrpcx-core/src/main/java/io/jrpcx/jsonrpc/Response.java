package io.jrpcx.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A successful response's result. Error responses are {@link RpcError}s.
 *
 * <pre>{@code
 * Response response = new Response(IntNode.valueOf(3));
 * }</pre>
 */
public record Response(JsonNode result) implements Item {
    public Response {
        Objects.requireNonNull(result, "result (use NullNode for JSON null)");
    }
}
