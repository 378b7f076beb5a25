package io.jrpcx.internal.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.jsonrpc.Decoded;
import io.jrpcx.jsonrpc.RequestId;
import io.jrpcx.jsonrpc.Response;
import org.jspecify.annotations.Nullable;

/**
 * The loose dialect: writes 2.0, and reads 1.0 and 2.0 alike (no version member needed, a null
 * {@code result} or {@code error} beside the other is ignored, any error value is made the best of).
 *
 * <pre>{@code
 * Decoded d = Dialect.LOOSE.messageToItem(bytes);
 * }</pre>
 */
final class LooseDialect extends TwoDotZeroFamily {
    LooseDialect() {
        super("loose");
    }

    @Override
    Decoded.Single responseItem(JsonNode payload, @Nullable JsonNode result, @Nullable JsonNode error, RequestId id) {
        boolean hasError = error != null && !error.isNull();
        if (hasError && result != null && !result.isNull()) {
            throw invalidResponse("response contains both \"result\" and \"error\"", id);
        }
        if (hasError) {
            return new Decoded.Single(lenientError(error), id);
        }
        if (result == null) {
            throw invalidResponse("response contains neither \"result\" nor \"error\"", id);
        }
        return new Decoded.Single(new Response(result), id);
    }
}
