package io.jrpcx.jsonrpc;

import java.util.Objects;

/**
 * A notification: a method call that expects no response.
 *
 * <pre>{@code
 * Notification n = new Notification("progress", Arguments.of(50));
 * }</pre>
 */
public record Notification(String method, Arguments args) implements Item {
    public Notification {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(args, "args");
    }
}
