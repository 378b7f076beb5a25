package io.jrpcx.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.jsonrpc.Arguments;
import io.jrpcx.jsonrpc.Item;
import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.Notification;
import io.jrpcx.jsonrpc.Request;
import io.jrpcx.jsonrpc.RpcError;
import io.jrpcx.session.ReplyAndDisconnect;
import io.jrpcx.session.RpcHandler;
import io.jrpcx.session.RpcSession;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The methods {@code jrpcx serve} offers so that any JSON-RPC client can exercise a server: {@code echo},
 * {@code sum}, {@code sleep}, {@code fail}, {@code bye}, {@code call_me_back}, plus the diagnostic
 * {@code jrpcx.stats}.
 *
 * <pre>{@code
 * InteropService service = new InteropService();
 * RpcServer server = RpcServer.builder()
 *         .listen(new InetSocketAddress("127.0.0.1", 0))
 *         .handler(service)
 *         .onOpen(service::opened)
 *         .onClose(service::closed)
 *         .start();
 * }</pre>
 */
public final class InteropService implements RpcHandler {
    /** The diagnostic method reporting open sessions and heap use. */
    public static final String STATS = "jrpcx.stats";

    /** Methods that never block, so they run on the I/O thread. */
    private static final Set<String> INLINE = Set.of("echo", "sum", "fail", "bye");

    private final Map<String, Method> methods = new LinkedHashMap<>();
    private final AtomicInteger sessions = new AtomicInteger();

    @FunctionalInterface
    private interface Body {
        @Nullable Object call(RpcSession session, List<@Nullable JsonNode> params) throws Exception;
    }

    private record Method(MethodBinding binding, Body body) {
    }

    public InteropService() {
        add("echo", List.of("message"), List.of(), false, (s, p) -> p.get(0));
        add("sum", List.of(), List.of(), true, (s, p) -> sum(p));
        add("sleep", List.of("seconds"), List.of(), false, (s, p) -> sleep(p.get(0)));
        add("fail", List.of("code", "message"), List.of(), false, (s, p) -> fail(p.get(0), p.get(1)));
        add("bye", List.of(), List.of(), false, (s, p) -> {
            throw new ReplyAndDisconnect("bye");
        });
        add("call_me_back", List.of("method"), List.of(), true, InteropService::callMeBack);
        add(STATS, List.of(), List.of("gc"), false, (s, p) -> stats(p.get(0)));
    }

    private void add(String name, List<String> required, List<String> optional, boolean varargs, Body body) {
        methods.put(name, new Method(new MethodBinding(name, required, optional, varargs), body));
    }

    /** The names of the methods served. */
    public Set<String> methodNames() {
        return methods.keySet();
    }

    /** Counts a session opened; use as the server's {@code onOpen}. */
    public void opened(RpcSession session) {
        sessions.incrementAndGet();
    }

    /** Counts a session closed; use as the server's {@code onClose}. */
    public void closed(RpcSession session) {
        sessions.decrementAndGet();
    }

    @Override
    public @Nullable Object handle(RpcSession session, Item item) throws Exception {
        String name;
        Arguments args;
        if (item instanceof Request r) {
            name = r.method();
            args = r.args();
        } else if (item instanceof Notification n) {
            name = n.method();
            args = n.args();
        } else {
            throw new IllegalArgumentException("not a request or notification: " + item);
        }
        Method method = methods.get(name);
        if (method == null) {
            throw new RpcError(JsonRpc.METHOD_NOT_FOUND, "unknown method \"" + name + "\"");
        }
        Object result = method.body().call(session, method.binding().bind(args));
        if (result instanceof JsonNode node && !isFinite(node)) {
            // JSON has no infinities: a number too large for a double would read as one
            throw new RpcError(JsonRpc.INVALID_PARAMS, name + ": the result holds a number out of range");
        }
        return result;
    }

    /** False when {@code node} holds a non-integer number whose double value is infinite. */
    static boolean isFinite(JsonNode node) {
        if (node.isNumber()) {
            return node.isIntegralNumber() || Double.isFinite(toDouble(node));
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                if (!isFinite(child)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public boolean isInline(Item item) {
        String name = item instanceof Request r ? r.method() : item instanceof Notification n ? n.method() : "";
        return INLINE.contains(name) || !methods.containsKey(name);
    }

    /** Integers add exactly; once a non-integer appears the sum continues as binary floating point. */
    static Object sum(List<@Nullable JsonNode> values) {
        BigInteger exact = BigInteger.ZERO;
        double inexact = 0;
        boolean floating = false;
        for (JsonNode value : values) {
            if (value == null || !value.isNumber()) {
                throw new RpcError(JsonRpc.INVALID_PARAMS, "sum: every argument must be a number");
            }
            if (value.isIntegralNumber()) {
                if (floating) {
                    inexact += value.bigIntegerValue().doubleValue();
                } else {
                    exact = exact.add(value.bigIntegerValue());
                }
            } else {
                if (!floating) {
                    inexact = exact.doubleValue();
                    floating = true;
                }
                inexact += toDouble(value);
            }
        }
        if (!floating) {
            return exact;
        }
        if (!Double.isFinite(inexact)) {
            throw new RpcError(JsonRpc.INVALID_PARAMS, "sum: the result is not a finite number");
        }
        return inexact;
    }

    private static double toDouble(JsonNode number) {
        return number.isBigDecimal() ? number.decimalValue().doubleValue() : number.doubleValue();
    }

    private static JsonNode sleep(@Nullable JsonNode seconds) throws InterruptedException {
        if (seconds == null || !seconds.isNumber() || seconds.decimalValue().signum() < 0) {
            throw new RpcError(JsonRpc.INVALID_PARAMS, "sleep: seconds must be a non-negative number");
        }
        BigDecimal nanos = seconds.decimalValue().multiply(BigDecimal.valueOf(1_000_000_000L));
        long limit = Long.MAX_VALUE;
        Thread.sleep(Duration.ofNanos(nanos.compareTo(BigDecimal.valueOf(limit)) > 0 ? limit : nanos.longValue()));
        return seconds;
    }

    private static Object fail(@Nullable JsonNode code, @Nullable JsonNode message) {
        if (code == null || !code.isIntegralNumber() || !code.canConvertToInt()) {
            throw new RpcError(JsonRpc.INVALID_PARAMS, "fail: code must be an integer");
        }
        if (message == null || !message.isTextual()) {
            throw new RpcError(JsonRpc.INVALID_PARAMS, "fail: message must be a string");
        }
        throw new RpcError(code.intValue(), message.textValue());
    }

    private static JsonNode callMeBack(RpcSession session, List<@Nullable JsonNode> params) {
        JsonNode method = params.get(0);
        if (method == null || !method.isTextual()) {
            throw new RpcError(JsonRpc.INVALID_PARAMS, "call_me_back: method must be a string");
        }
        return session.request(method.textValue(), params.subList(1, params.size()).toArray());
    }

    private Map<String, Object> stats(@Nullable JsonNode gc) {
        if (gc != null && gc.asBoolean(false)) {
            System.gc();
        }
        long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("sessions", sessions.get());
        stats.put("heap_used", heapUsed);
        return stats;
    }
}
