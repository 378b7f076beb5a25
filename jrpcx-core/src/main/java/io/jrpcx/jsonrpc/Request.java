package io.jrpcx.jsonrpc;

import java.util.Objects;

/**
 * A request: a method call that expects a response.
 *
 * <pre>{@code
 * Request request = new Request("sum", Arguments.of(1, 2));
 * }</pre>
 *
 * @param method the method's name
 * @param args the arguments
 */
public record Request(String method, Arguments args) implements Item {
    /** Checks that neither component is {@code null}. */
    public Request {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(args, "args");
    }
}
