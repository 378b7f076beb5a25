package io.jrpcx.session;

import io.jrpcx.jsonrpc.RpcCallException;
import java.time.Duration;

/**
 * No answer came to a request in time. The request is forgotten: a late answer is dropped and counted.
 *
 * <pre>{@code
 * try {
 *     session.request("slow", Arguments.none(), Duration.ofSeconds(2));
 * } catch (RequestTimeoutException e) {
 *     System.err.println(e.getMessage());   // "no response to 'slow' within 2 s"
 * }
 * }</pre>
 */
public class RequestTimeoutException extends RpcCallException {
    private static final long serialVersionUID = 1L;

    /** The method of the request. */
    private final String method;
    /** How long the caller waited. */
    private final Duration timeout;

    /**
     * Creates the exception.
     *
     * @param method the method of the request
     * @param timeout how long the caller waited
     */
    public RequestTimeoutException(String method, Duration timeout) {
        super("no response to '" + method + "' within " + Durations.describe(timeout), null);
        this.method = method;
        this.timeout = timeout;
    }

    /** {@return the method of the request} */
    public String method() {
        return method;
    }

    /** {@return the time it was given} */
    public Duration timeout() {
        return timeout;
    }
}
