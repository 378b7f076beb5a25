package io.jrpcx.jsonrpc;

import java.util.Objects;

/**
 * A notification: a method call that expects no response.
 *
 * <pre>{@code
 * Notification n = new Notification("progress", Arguments.of(50));
 * }</pre>
 *
 * @param method the method's name
 * @param args the arguments
 */
public record Notification(String method, Arguments args) implements Item {
    /** Checks that neither component is {@code null}. */
    public Notification {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(args, "args");
    }
}
