package io.jrpcx.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.internal.json.Json;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class MethodTableTest {

    /** The context handlers get: here a stand-in for a session. */
    public static final class Session {
        final String name;

        Session(String name) {
            this.name = name;
        }
    }

    public record Point(int x, int y) {
    }

    /** Methods bound by reflection. */
    public static final class Service {
        @RpcMethod
        public String echo(String message) {
            return message;
        }

        @RpcMethod("sum")
        public BigDecimal add(BigDecimal... values) {
            BigDecimal total = BigDecimal.ZERO;
            for (BigDecimal v : values) {
                total = total.add(v);
            }
            return total;
        }

        @RpcMethod
        public String whoami(Session session) {
            return session.name;
        }

        @RpcMethod
        public String greet(Session session, String name, Optional<String> greeting) {
            return greeting.orElse("hello") + " " + name + " from " + session.name;
        }

        @RpcMethod
        public Point move(Point p, int dx) {
            return new Point(p.x() + dx, p.y());
        }

        @RpcMethod
        public int count(String first, JsonNode... rest) {
            return 1 + rest.length;
        }

        @RpcMethod
        public static List<Integer> range(int n) {
            return java.util.stream.IntStream.range(0, n).boxed().toList();
        }

        @RpcMethod
        public void nothing() {
        }

        @RpcMethod
        public String fail(int code, String message) {
            throw new RpcError(code, message);
        }

        @RpcMethod
        public String boom() {
            throw new IllegalStateException("boom");
        }

        public String notExported() {
            return "no";
        }
    }

    private static final MethodTable<Session> TABLE = MethodTable.builder(Session.class)
            .methods(new Service())
            .method("lambda_sum", Signature.varargs(), (session, p) -> {
                BigDecimal total = BigDecimal.ZERO;
                for (int i = 0; i < p.size(); i++) {
                    total = total.add(p.getDecimal(i));
                }
                return total;
            })
            .method("opt", Signature.of("a").withOptional("b"), p -> p.get("b") == null ? "no b" : p.getString("b"))
            .method("sleepy", Signature.of(), (session, p) -> {
                throw new InterruptedException();
            })
            .build();

    private static final Session SESSION = new Session("s1");

    private static JsonNode call(String method, Object... args) {
        return TABLE.invoke(SESSION, new Request(method, Arguments.of(args)));
    }

    private static JsonNode callNamed(String method, Map<String, ?> args) {
        return TABLE.invoke(SESSION, new Request(method, Arguments.named(args)));
    }

    private static RpcError error(Runnable call) {
        try {
            call.run();
        } catch (RpcError e) {
            return e;
        }
        throw new AssertionError("no error");
    }

    @Test
    void reflectedMethodsBindPositionalAndNamedArguments() {
        assertThat(TABLE.names()).contains("echo", "sum", "whoami", "greet", "move", "count", "range", "nothing")
                .doesNotContain("notExported", "add");
        assertThat(call("echo", "hi").textValue()).isEqualTo("hi");
        assertThat(callNamed("echo", Map.of("message", "named")).textValue()).isEqualTo("named");
        assertThat(call("whoami").textValue()).isEqualTo("s1");
        assertThat(call("greet", "bob").textValue()).isEqualTo("hello bob from s1");
        assertThat(callNamed("greet", Map.of("name", "al", "greeting", "hi")).textValue()).isEqualTo("hi al from s1");
        assertThat(call("move", Map.of("x", 1, "y", 2), 3)).isEqualTo(Json.toNode(new Point(4, 2)));
        assertThat(call("count", "a", 1, 2, 3).intValue()).isEqualTo(4);
        assertThat(call("range", 3).toString()).isEqualTo("[0,1,2]");
        assertThat(call("nothing").isNull()).isTrue();
    }

    @Test
    void sumsKeepIntegersAndDecimalsExact() throws Exception {
        JsonNode big = TABLE.invoke(SESSION, new Request("sum",
                new Arguments(Json.mapper().readTree("[1, 2, 123456789012345678901234567890]"))));
        assertThat(big.toString()).isEqualTo("123456789012345678901234567893");
        JsonNode decimals = TABLE.invoke(SESSION, new Request("lambda_sum",
                new Arguments(Json.mapper().readTree("[0.1, 0.2]"))));
        assertThat(decimals.decimalValue()).isEqualByComparingTo("0.3");
        assertThat(call("sum").intValue()).isZero();
    }

    @Test
    void arityAndNameErrorsNameTheMethod() {
        assertThat(error(() -> call("echo")).message()).isEqualTo("0 arguments passed to method \"echo\" but it requires 1");
        assertThat(error(() -> call("echo", 1, 2)).message()).isEqualTo("2 arguments passed to method echo taking at most 1");
        assertThat(error(() -> callNamed("echo", Map.of())).message()).isEqualTo("method \"echo\" requires parameter \"message\"");
        assertThat(error(() -> callNamed("echo", Map.of("message", 1, "z", 2, "b", 3))).message())
                .isEqualTo("method \"echo\" does not take parameters \"b\", \"z\"");
        RpcError conversion = error(() -> call("move", "not a point", 1));
        assertThat(conversion.code()).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(conversion.message()).contains("\"p\"").contains("\"move\"");
        for (RpcError e : List.of(error(() -> call("echo")), error(() -> call("opt")))) {
            assertThat(e.code()).isEqualTo(JsonRpc.INVALID_PARAMS);
        }
    }

    @Test
    void unknownMethod() {
        RpcError e = error(() -> call("nope"));
        assertThat(e.code()).isEqualTo(JsonRpc.METHOD_NOT_FOUND);
        assertThat(e.message()).isEqualTo("unknown method \"nope\"");
    }

    @Test
    void handlerErrors() {
        RpcError sent = error(() -> call("fail", -1, "bad"));
        assertThat(sent.code()).isEqualTo(-1);
        assertThat(sent.message()).isEqualTo("bad");
        RpcError internal = error(() -> call("boom"));
        assertThat(internal.code()).isEqualTo(JsonRpc.INTERNAL_ERROR);
        assertThat(internal.message()).isEqualTo("internal server error");
        assertThatThrownBy(() -> call("sleepy")).isInstanceOf(CancellationException.class);
        assertThat(Thread.interrupted()).as("interrupt status restored").isTrue();
    }

    @Test
    void optionalParametersOfLambdas() {
        assertThat(call("opt", 1).textValue()).isEqualTo("no b");
        assertThat(call("opt", 1, "B").textValue()).isEqualTo("B");
        assertThat(callNamed("opt", Map.of("a", 1, "b", "named B")).textValue()).isEqualTo("named B");
    }

    @Test
    void notificationsAreInvokedToo() {
        assertThat(TABLE.invoke(SESSION, new Notification("echo", Arguments.of("n"))).textValue()).isEqualTo("n");
    }

    @Test
    void builderRules() {
        assertThatThrownBy(() -> MethodTable.<Session>builder().method("a", Signature.of(), p -> 1).method("a", Signature.of(), p -> 2))
                .isInstanceOf(IllegalArgumentException.class);
        MethodTable<Session> more = TABLE.toBuilder().remove("echo").method("echo", Signature.of("m"), p -> "new").build();
        assertThat(more.invoke(SESSION, new Request("echo", Arguments.of(1))).textValue()).isEqualTo("new");
        assertThat(TABLE.invoke(SESSION, new Request("echo", Arguments.of("old"))).textValue()).isEqualTo("old");
        assertThat(TABLE.entry("opt").orElseThrow().signature()).isEqualTo(Signature.of("a").withOptional("b"));
    }

    @Test
    void paramsView() {
        Params p = Signature.of("a").withOptional("b").withVarargs().bind("m", Arguments.of(1, "two", 3.5, true));
        assertThat(p.size()).isEqualTo(4);
        assertThat(p.getInt("a")).isEqualTo(1);
        assertThat(p.getString(1)).isEqualTo("two");
        assertThat(p.rest()).hasSize(2);
        assertThat(p.getDouble(2)).isEqualTo(3.5);
        assertThat(p.getBoolean(3)).isTrue();
        assertThat(p.positional()).hasSize(4);
        Params named = Signature.of("a").withAnyNamed().bind("m", Arguments.named(Map.of("a", 1, "extra", 2)));
        assertThat(named.extraNamed()).containsKey("extra");
        assertThat(named.has("extra")).isTrue();
        assertThat(named.get("missing", String.class, "dflt")).isEqualTo("dflt");
        assertThat(named.getInt("a")).isEqualTo(1);
        RpcError bad = error(() -> Signature.of("a").bind("m", Arguments.of("x")).getInt("a"));
        assertThat(bad.code()).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(bad.message()).isEqualTo("invalid value for parameter \"a\" of method \"m\": expected an integer, got \"x\"");
    }
}
