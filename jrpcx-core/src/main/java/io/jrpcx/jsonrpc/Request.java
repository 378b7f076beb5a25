package io.jrpcx.jsonrpc;

import java.util.Objects;

/**
 * A request: a method call that expects a response.
 *
 * <pre>{@code
 * Request request = new Request("sum", Arguments.of(1, 2));
 * }</pre>
 */
public record Request(String method, Arguments args) implements Item {
    public Request {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(args, "args");
    }
}
