package io.jrpcx.jsonrpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code void} method of a service interface as a notification: its proxy sends a JSON-RPC
 * notification (no id, no answer awaited) instead of a request. On the serving side it is bound like an
 * {@link RpcMethod}.
 *
 * <pre>{@code
 * public interface Headers {
 *     @RpcNotification("blockchain.headers.subscribe")
 *     void header(@RpcParam("header") Header header);
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RpcNotification {
    /** {@return the RPC name; the Java method name when empty} */
    String value() default "";

    /** {@return true to send the arguments by name (a JSON object) instead of by position} */
    boolean named() default false;
}
