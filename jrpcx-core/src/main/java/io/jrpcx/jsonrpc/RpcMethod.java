package io.jrpcx.jsonrpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method as an RPC method for {@link MethodTable.Builder#methods(Object)}, or a method of
 * a service interface (see {@link RpcService}). Parameters are bound by their {@link RpcParam} names, or
 * else by their Java names (compile with {@code -parameters}); trailing {@code Optional} parameters are
 * optional; a trailing varargs parameter takes further positional arguments; parameters marked
 * {@link NamedOnly} are taken by name only; a first parameter of the table's context type receives the
 * context. Primitive parameters are converted strictly: JSON {@code null}, a string, a fraction or a
 * number out of range for an {@code int} parameter is -32602 naming the parameter.
 *
 * <pre>{@code
 * public final class Service {
 *     @RpcMethod public String echo(String message) { return message; }
 *     @RpcMethod("sum") public BigDecimal add(BigDecimal... values) {
 *         return Arrays.stream(values).reduce(BigDecimal.ZERO, BigDecimal::add);
 *     }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RpcMethod {
    /** {@return the RPC name; the Java method name when empty} */
    String value() default "";

    /**
     * {@return true for a method that never blocks: sessions run it on their I/O thread (see {@link
     * MethodTable.Builder#inlineMethod})}
     */
    boolean inline() default false;

    /**
     * For a method of a service interface called through a proxy: true to send the arguments by name (a
     * JSON object, named by {@link RpcParam} or the Java names) instead of by position.
     *
     * @return {@code true} to send the arguments by name
     */
    boolean named() default false;
}
