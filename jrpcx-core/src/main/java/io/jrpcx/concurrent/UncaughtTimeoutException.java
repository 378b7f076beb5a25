package io.jrpcx.concurrent;

/**
 * Thrown out of a timeout block whose deadline did not pass when a {@link TaskTimeoutException} from a
 * nested block escaped into it: the inner timeout should have been caught inside. The escaped exception
 * is the cause.
 *
 * <pre>{@code
 * Timeouts.timeoutAfter(Duration.ofSeconds(10), () ->
 *     Timeouts.timeoutAfter(Duration.ofMillis(10), () -> queue.take()));   // UncaughtTimeoutException
 * }</pre>
 */
public final class UncaughtTimeoutException extends ConcurrencyException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for a timeout that escaped into a block whose own deadline did not pass.
     *
     * @param cause the inner block's timeout
     */
    public UncaughtTimeoutException(TaskTimeoutException cause) {
        super("uncaught timeout received: " + cause.getMessage(), cause);
    }
}
