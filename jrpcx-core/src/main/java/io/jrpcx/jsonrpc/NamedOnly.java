package io.jrpcx.jsonrpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a parameter of an {@link RpcMethod} as named-only, like a Python keyword-only argument: a call
 * can pass it only by name, never by position, and positional arguments do not count it (a call with
 * more positional arguments than the other parameters is refused with {@code taking at most N}). It is
 * optional when its type is {@code Optional}, else required: a call without it is -32602
 * {@code method "m" requires named parameter "k"}. See {@link Signature#withNamedOnly(String...)}.
 *
 * <pre>{@code
 * @RpcMethod
 * public List<Row> query(String sql, @NamedOnly Optional<Integer> limit) {
 *     return database.query(sql, limit.orElse(100));
 * }
 * // {"method": "query", "params": {"sql": "...", "limit": 10}}   ok
 * // {"method": "query", "params": ["...", 10]}                   -32602 ... taking at most 1
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface NamedOnly {
}
