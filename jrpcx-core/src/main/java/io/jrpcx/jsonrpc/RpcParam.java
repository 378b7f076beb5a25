package io.jrpcx.jsonrpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The RPC name of a parameter, for {@link RpcMethod} methods, service interfaces bound by
 * {@link MethodTable.Builder#service(Class, Object)} and their proxies. With it, code compiled without
 * {@code -parameters} still binds and sends arguments by name; without it, the Java name is used when
 * the class was compiled with {@code -parameters}.
 *
 * <pre>{@code
 * public interface Bank {
 *     @RpcMethod("transfer")
 *     Receipt transfer(@RpcParam("from") String from, @RpcParam("to") String to, @RpcParam("amount") BigDecimal amount);
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface RpcParam {
    /** {@return the parameter's name on the wire} */
    String value();
}
