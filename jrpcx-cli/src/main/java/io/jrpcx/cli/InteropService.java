package io.jrpcx.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.jsonrpc.Item;
import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.MethodTable;
import io.jrpcx.jsonrpc.Params;
import io.jrpcx.jsonrpc.ReplyAndDisconnect;
import io.jrpcx.jsonrpc.RpcError;
import io.jrpcx.jsonrpc.Signature;
import io.jrpcx.session.RpcHandler;
import io.jrpcx.session.RpcServer;
import io.jrpcx.session.RpcSession;
import io.jrpcx.session.Session;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
/**
 * The methods {@code jrpcx serve} offers so that any JSON-RPC client can exercise a server: {@code echo},
 * {@code sum}, {@code sleep}, {@code fail}, {@code bye}, {@code call_me_back}, plus, only when asked for
 * ({@code serve --stats}), the diagnostic {@code jrpcx.stats}: it lets any peer force a full GC and shows
 * other peers' costs, so it is off by default.
 *
 * <pre>{@code
 * InteropService service = new InteropService(true);   // with jrpcx.stats
 * RpcServer server = RpcServer.builder()
 *         .listen("tcp://127.0.0.1:0")
 *         .handler(service)
 *         .onOpen(service::opened)
 *         .onClose(service::closed)
 *         .start();
 * }</pre>
 */
public final class InteropService implements RpcHandler {
    /** The diagnostic method reporting open sessions and heap use. */
    public static final String STATS = "jrpcx.stats";

    /** The most sessions {@code jrpcx.stats} lists, the costliest first. */
    static final int STATS_SESSIONS = 100;

    private final AtomicInteger sessions = new AtomicInteger();
    private volatile @Nullable RpcServer server;
    private final MethodTable<RpcSession> table;
    private final RpcHandler handler;

    /** The interop methods without {@code jrpcx.stats}. */
    public InteropService() {
        this(false);
    }

    /** The interop methods, with {@code jrpcx.stats} when {@code stats} is true. */
    public InteropService(boolean stats) {
        MethodTable.Builder<RpcSession> b = MethodTable.<RpcSession>builder()
            .inlineMethod("echo", Signature.of("message"), (session, p) -> p.get(0))
            .inlineMethod("sum", Signature.varargs(), (session, p) -> sum(p.rest()))
            .method("sleep", Signature.of("seconds"), (session, p) -> sleep(p.get(0)))
            .inlineMethod("fail", Signature.of("code", "message"), (session, p) -> fail(p.get(0), p.get(1)))
            .inlineMethod("bye", Signature.of(), (session, p) -> {
                throw new ReplyAndDisconnect("bye");
            })
            .method("call_me_back", Signature.of("method").withVarargs(), InteropService::callMeBack);
        if (stats) {
            b.method(STATS, Signature.of().withOptional("gc"), (session, p) -> stats(p.get("gc")));
        }
        this.table = b.build();
        this.handler = RpcHandler.of(table);
    }

    /** The server whose sessions, cost pools and refusals {@code jrpcx.stats} reports. */
    public void reportOn(RpcServer server) {
        this.server = server;
    }

    /** The names of the methods served. */
    public Set<String> methodNames() {
        return table.names();
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
        return handler.handle(session, item);
    }

    @Override
    public boolean isInline(Item item) {
        return handler.isInline(item);
    }

    /** Integers add exactly; once a non-integer appears the sum continues as binary floating point. */
    static Object sum(List<JsonNode> values) {
        BigInteger exact = BigInteger.ZERO;
        double inexact = 0;
        boolean floating = false;
        for (JsonNode value : values) {
            if (!value.isNumber()) {
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

    private static JsonNode sleep(JsonNode seconds) throws InterruptedException {
        if (!seconds.isNumber() || seconds.decimalValue().signum() < 0) {
            throw new RpcError(JsonRpc.INVALID_PARAMS, "sleep: seconds must be a non-negative number");
        }
        BigDecimal nanos = seconds.decimalValue().multiply(BigDecimal.valueOf(1_000_000_000L));
        long limit = Long.MAX_VALUE;
        Thread.sleep(Duration.ofNanos(nanos.compareTo(BigDecimal.valueOf(limit)) > 0 ? limit : nanos.longValue()));
        return seconds;
    }

    private static Object fail(JsonNode code, JsonNode message) {
        if (!code.isIntegralNumber() || !code.canConvertToInt()) {
            throw new RpcError(JsonRpc.INVALID_PARAMS, "fail: code must be an integer");
        }
        if (!message.isTextual()) {
            throw new RpcError(JsonRpc.INVALID_PARAMS, "fail: message must be a string");
        }
        throw new RpcError(code.intValue(), message.textValue());
    }

    private static JsonNode callMeBack(RpcSession session, Params params) {
        JsonNode method = params.get(0);
        if (!method.isTextual()) {
            throw new RpcError(JsonRpc.INVALID_PARAMS, "call_me_back: method must be a string");
        }
        try {
            return session.request(method.textValue(), io.jrpcx.jsonrpc.Arguments.positional(params.rest()));
        } catch (io.jrpcx.session.CallRefusedException e) {
            // over HTTP the server cannot call its client: say so, rather than "internal server error"
            throw new RpcError(JsonRpc.INVALID_REQUEST, "call_me_back: " + e.getMessage());
        }
    }

    private static Map<String, Object> costOf(RpcSession session) {
        Map<String, Object> m = new LinkedHashMap<>();
        SocketAddress remote = session.remoteAddress();
        m.put("peer", remote == null ? "unknown" : Urls.describe(remote));
        m.put("cost", round(session.cost().value()));
        m.put("throttle", round(session.cost().throttle()));
        m.put("concurrency", session.incomingConcurrency().target());
        return m;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private Map<String, Object> stats(@Nullable JsonNode gc) {
        if (gc != null && gc.asBoolean(false)) {
            System.gc();
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("sessions", sessions.get());
        stats.put("heap_used", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        stats.put("abandoned_handlers", Session.abandonedHandlers());
        RpcServer s = server;
        if (s != null) {
            stats.put("connections_refused", s.connectionsRefused());
            List<Map<String, Object>> costs = s.sessions().stream()
                    .map(InteropService::costOf)
                    .sorted(Comparator.comparingDouble((Map<String, Object> m) -> (Double) m.get("cost")).reversed())
                    .limit(STATS_SESSIONS)
                    .toList();
            stats.put("session_costs", costs);
            stats.put("pools", s.costPools().stream().map(pool -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("group", pool.key());
                m.put("cost", round(pool.value()));
                m.put("sessions", pool.sessions());
                return m;
            }).toList());
        }
        return stats;
    }
}
