package io.jrpcx.jsonrpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks (optionally) a Java interface that describes a service, usable from both sides: a server binds
 * an implementation with {@link MethodTable.Builder#service(Class, Object)}, a client calls it through
 * {@code session.proxy(Wallet.class)}; the same works from server to client.
 *
 * <p>Every abstract method of the interface is an RPC method, named by its {@link RpcMethod} or
 * {@link RpcNotification} annotation or else its Java name; default methods are RPC methods only when
 * annotated. A proxy method
 * <ul>
 *   <li>returning {@code CompletableFuture<T>} (or {@code CompletionStage<T>}) sends a request and returns
 *       at once;</li>
 *   <li>returning any other type sends a request and waits for the result, converted to that type by
 *       the session's mapper (a misfit is a {@code ResultTypeException});</li>
 *   <li>returning {@code void} sends a request and waits for the answer, or, if annotated
 *       {@link RpcNotification}, sends a notification.</li>
 * </ul>
 * Arguments go by position, or by name when {@link #named()} (for the whole interface),
 * {@link RpcMethod#named()} or {@link RpcNotification#named()} says so; names come from
 * {@link RpcParam}, or from the Java names when compiled with {@code -parameters}. A trailing
 * {@code Optional} parameter is optional (left out when empty); a varargs parameter sends further
 * positional arguments. Failures are the {@link RpcCallException} family, unchecked.
 *
 * <pre>{@code
 * @RpcService
 * public interface Wallet {
 *     @RpcMethod("wallet.balance") BigDecimal balance(@RpcParam("account") String account);
 *     @RpcMethod("wallet.history") CompletableFuture<List<Payment>> history(@RpcParam("account") String account);
 *     @RpcNotification("wallet.log") void log(@RpcParam("line") String line);
 * }
 * // server
 * final class MyWallet implements Wallet {
 *     public BigDecimal balance(String account) { return BigDecimal.TEN; }
 *     public CompletableFuture<List<Payment>> history(String account) { return CompletableFuture.completedFuture(List.of()); }
 *     public void log(String line) { System.out.println(line); }
 * }
 * MethodTable<RpcSession> table = MethodTable.builder(RpcSession.class).service(Wallet.class, new MyWallet()).build();
 * // client
 * Wallet wallet = session.proxy(Wallet.class);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RpcService {
    /** {@return true to send the arguments of every method by name} */
    boolean named() default false;
}
