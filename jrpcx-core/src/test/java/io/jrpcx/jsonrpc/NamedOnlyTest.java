package io.jrpcx.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Named-only parameters (Python's keyword-only arguments), declared or reflected. */
class NamedOnlyTest {

    public static final class Service {
        @RpcMethod
        public String query(String sql, @NamedOnly int limit, @NamedOnly Optional<String> order) {
            return sql + " " + limit + " " + order.orElse("none");
        }

        @RpcMethod
        public int count(@NamedOnly Optional<Integer> start, int... values) {
            return start.orElse(0) + values.length;
        }
    }

    private static final MethodTable<Void> TABLE = MethodTable.<Void>builder().methods(new Service()).build();

    private static RpcError refused(Runnable r) {
        try {
            r.run();
        } catch (RpcError e) {
            assertThat(e.code()).isEqualTo(JsonRpc.INVALID_PARAMS);
            return e;
        }
        throw new AssertionError("accepted");
    }

    @Test
    void aSignatureWithNamedOnlyParameters() {
        Signature sig = Signature.of("a").withNamedOnly("k").withOptionalNamedOnly("j");
        assertThat(sig.positionalNames()).containsExactly("a");
        assertThat(sig.names()).containsExactly("a", "k", "j");
        assertThat(sig.toString()).isEqualTo("(a, *, k, j?)");
        assertThat(sig).isEqualTo(Signature.of("a").withNamedOnly("k").withOptionalNamedOnly("j"))
                .isNotEqualTo(Signature.of("a").withOptional("k", "j"));
        assertThat(refused(() -> sig.bind("m", Arguments.of(1, 2))).message())
                .isEqualTo("2 arguments passed to method m taking at most 1");
        assertThat(refused(() -> sig.bind("m", Arguments.of(1))).message())
                .isEqualTo("method \"m\" requires named parameter \"k\"");
        assertThat(refused(() -> sig.bind("m", Arguments.named(Map.of("a", 1)))).message())
                .isEqualTo("method \"m\" requires named parameter \"k\"");
        assertThat(refused(() -> sig.bind("m", Arguments.named(Map.of("k", 1)))).message())
                .isEqualTo("method \"m\" requires parameter \"a\"");
        assertThat(refused(() -> sig.bind("m", Arguments.named(Map.of("a", 1, "k", 2, "z", 3)))).message())
                .isEqualTo("method \"m\" does not take parameter \"z\"");
        Params p = sig.bind("m", Arguments.named(Map.of("a", 1, "k", 2)));
        assertThat(p.size()).isEqualTo(1);
        assertThat(p.getInt("k")).isEqualTo(2);
        assertThat(p.has("j")).isFalse();
        assertThat(p.positional()).extracting(JsonNode::intValue).containsExactly(1);
        Signature two = Signature.of().withNamedOnly("y", "x");
        assertThat(refused(() -> two.bind("m", Arguments.none())).message())
                .isEqualTo("method \"m\" requires named parameters \"x\", \"y\"");
        Signature withVarargs = Signature.varargs().withOptionalNamedOnly("k");
        Params rest = withVarargs.bind("m", Arguments.of(1, 2, 3));
        assertThat(rest.size()).isEqualTo(3);
        assertThat(rest.has("k")).isFalse();
        assertThat(withVarargs.toString()).isEqualTo("(*args, k?)");
        assertThatThrownBy(() -> Signature.of("a").withNamedOnly("a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reflectedNamedOnlyParameters() {
        assertThat(TABLE.entry("query").orElseThrow().signature())
                .isEqualTo(Signature.of("sql").withNamedOnly("limit").withOptionalNamedOnly("order"));
        assertThat(TABLE.invoke(null, new Request("query", Arguments.named(Map.of("sql", "q", "limit", 5)))).textValue())
                .isEqualTo("q 5 none");
        assertThat(TABLE.invoke(null, new Request("query",
                Arguments.named(Map.of("sql", "q", "limit", 5, "order", "asc")))).textValue()).isEqualTo("q 5 asc");
        assertThat(refused(() -> TABLE.invoke(null, new Request("query", Arguments.of("q")))).message())
                .isEqualTo("method \"query\" requires named parameter \"limit\"");
        assertThat(refused(() -> TABLE.invoke(null, new Request("query", Arguments.of("q", 5)))).message())
                .isEqualTo("2 arguments passed to method query taking at most 1");
        assertThat(refused(() -> TABLE.invoke(null, new Request("query",
                Arguments.named(Map.of("sql", "q", "limit", "five"))))).message()).contains("parameter \"limit\"");
        assertThat(TABLE.entry("count").orElseThrow().signature())
                .isEqualTo(Signature.varargs().withOptionalNamedOnly("start"));
        assertThat(TABLE.invoke(null, new Request("count", Arguments.of(7, 8, 9))).intValue()).isEqualTo(3);
        assertThat(TABLE.invoke(null, new Request("count", Arguments.named(Map.of("start", 10)))).intValue()).isEqualTo(10);
    }
}
