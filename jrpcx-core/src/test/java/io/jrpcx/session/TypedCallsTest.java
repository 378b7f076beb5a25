package io.jrpcx.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.jrpcx.jsonrpc.Arguments;
import io.jrpcx.jsonrpc.MethodTable;
import io.jrpcx.jsonrpc.RpcError;
import io.jrpcx.jsonrpc.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Typed results and arguments, a user's mapper (java.time) on both sides, and unambiguous arguments. */
@Timeout(60)
class TypedCallsTest {
    record Point(int x, int y) {
    }

    private RpcServer server;

    private RpcSession start(ObjectMapper mapper) {
        MethodTable<RpcSession> table = MethodTable.builder(RpcSession.class)
                .method("echo", Signature.of("value"), (s, p) -> p.get("value"))
                .method("greet", Signature.of("name"), (s, p) -> "hello " + p.getString("name"))
                .method("later", Signature.of("at"), (s, p) -> p.get("at", Instant.class).plusSeconds(1))
                .method("swap", Signature.of("point"), (s, p) -> {
                    Point pt = p.get("point", Point.class);
                    return new Point(pt.y(), pt.x());
                })
                .method("args", Signature.varargs().withAnyNamed(), (s, p) -> Map.of(
                        "positional", p.positional(), "named", p.extraNamed()))
                .build();
        server = RpcServer.builder().listen("tcp://127.0.0.1:0").mapper(mapper).handler(RpcHandler.of(table)).start();
        return RpcClient.builder().mapper(mapper).build().connect(server.services().get(0));
    }

    private static ObjectMapper timeMapper() {
        return JsonMapper.builder().addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close(Duration.ZERO);
        }
    }

    @Test
    void resultsComeAsTheTypeAskedFor() throws Exception {
        try (RpcSession session = start(timeMapper())) {
            assertThat(session.request("echo", Integer.class, 42)).isEqualTo(42);
            assertThat(session.request("echo", int.class, 7)).isEqualTo(7);
            assertThat(session.request("greet", String.class, "ann")).isEqualTo("hello ann");
            List<Integer> list = session.request("echo", new TypeReference<List<Integer>>() { },
                    Arguments.of(List.of(1, 2, 3)));
            assertThat(list).containsExactly(1, 2, 3);
            assertThat(session.request("swap", Point.class, new Point(1, 2))).isEqualTo(new Point(2, 1));
            CompletableFuture<Point> async = session.requestAsync("swap", Point.class, new Point(3, 4));
            assertThat(async.get(20, TimeUnit.SECONDS)).isEqualTo(new Point(4, 3));
            assertThat(session.request("echo", String.class, (Object) null)).isNull();
        }
    }

    @Test
    void aResultThatDoesNotFitIsAClientSideErrorNamingMethodAndType() {
        try (RpcSession session = start(JsonMapper.builder().build())) {
            assertThatThrownBy(() -> session.request("greet", Integer.class, "x"))
                    .isInstanceOf(ResultTypeException.class)
                    .hasMessageContaining("'greet'").hasMessageContaining("java.lang.Integer")
                    .hasMessageContaining("\"hello x\"")
                    .satisfies(e -> assertThat(((ResultTypeException) e).result().asText()).isEqualTo("hello x"));
            assertThatThrownBy(() -> session.request("echo", int.class, (Object) null))
                    .isInstanceOf(ResultTypeException.class).hasMessageContaining("null");
            assertThatThrownBy(() -> session.request("echo", Point.class, "nope"))
                    .isInstanceOf(ResultTypeException.class).hasMessageContaining("Point");
            CompletableFuture<Integer> async = session.requestAsync("greet", Integer.class, "y");
            assertThatThrownBy(() -> async.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ResultTypeException.class).hasMessageContaining("'greet'");
            // the session is still usable
            assertThat(session.request("echo", Integer.class, 5)).isEqualTo(5);
        }
    }

    @Test
    void aUsersMapperCarriesJavaTimeBothWays() {
        Instant now = Instant.parse("2026-12-01T16:00:00.123456789Z");
        try (RpcSession session = start(timeMapper())) {
            assertThat(session.request("later", Instant.class, now)).isEqualTo(now.plusSeconds(1));
            assertThat(session.request("later", Instant.class, Arguments.named(Map.of("at", now), session.mapper())))
                    .isEqualTo(now.plusSeconds(1));
            // on the wire it is the ISO text the mapper writes
            assertThat(session.request("echo", now).asText()).isEqualTo("2026-12-01T16:00:00.123456789Z");
        }
    }

    @Test
    void decimalsStayExactThroughAUsersMapper() {
        try (RpcSession session = start(JsonMapper.builder().build())) {
            assertThat(session.request("echo", new java.math.BigDecimal("10.00")).toString()).isEqualTo("10.00");
            assertThat(session.request("echo", java.math.BigDecimal.class, new java.math.BigDecimal("1E+3")))
                    .isEqualTo(new java.math.BigDecimal("1E+3"));
            assertThat(session.request("swap", Point.class, Arguments.named(Map.of("point", new Point(5, 6)),
                    session.mapper()))).isEqualTo(new Point(6, 5));
        }
    }

    @Test
    void withoutTheModuleJavaTimeIsRefusedBeforeSending() {
        try (RpcSession session = start(JsonMapper.builder().build())) {
            assertThatThrownBy(() -> session.request("later", Instant.class, Instant.now()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Instant");
            assertThat(session.pendingRequests()).isZero();
        }
    }

    @Test
    void aSoleMapListOrArrayIsRefusedAsAmbiguous() {
        try (RpcSession session = start(JsonMapper.builder().build())) {
            assertThatThrownBy(() -> session.request("args", Map.of("message", "hi")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ambiguous").hasMessageContaining("Arguments.named(map)");
            assertThatThrownBy(() -> session.request("args", List.of(1, 2)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Arguments.positional(list)");
            assertThatThrownBy(() -> session.requestAsync("args", (Object) new int[] {1, 2}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("array");
            assertThatThrownBy(() -> session.sendNotification("args", Map.of()))
                    .isInstanceOf(IllegalArgumentException.class);
            JsonNode named = session.request("args", Arguments.named(Map.of("message", "hi")));
            assertThat(named.get("named").get("message").asText()).isEqualTo("hi");
            assertThat(named.get("positional")).isEmpty();
            JsonNode spread = session.request("args", Arguments.positional(List.of(1, 2)));
            assertThat(spread.get("positional").toString()).isEqualTo("[1,2]");
            JsonNode one = session.request("args", Arguments.of(List.of(1, 2)));
            assertThat(one.get("positional").toString()).isEqualTo("[[1,2]]");
            // two or more values are plainly positional, whatever their types
            JsonNode two = session.request("args", List.of(1), Map.of("a", 1));
            assertThat(two.get("positional").toString()).isEqualTo("[[1],{\"a\":1}]");
        }
    }

    @Test
    void errorsKeepTheirData() {
        MethodTable<RpcSession> table = MethodTable.builder(RpcSession.class)
                .method("fail", Signature.of(), (s, p) -> {
                    throw new RpcError(-32001, "insufficient funds",
                            JsonMapper.builder().build().valueToTree(Map.of("needed", 5)));
                })
                .build();
        server = RpcServer.builder().listen("tcp://127.0.0.1:0").handler(RpcHandler.of(table)).start();
        try (RpcSession session = RpcClient.builder().build().connect(server.services().get(0))) {
            assertThatThrownBy(() -> session.request("fail", String.class))
                    .isInstanceOfSatisfying(RpcError.class, e -> {
                        assertThat(e.code()).isEqualTo(-32001);
                        assertThat(e.message()).isEqualTo("insufficient funds");
                        assertThat(e.data().get("needed").asInt()).isEqualTo(5);
                    });
        }
    }
}
