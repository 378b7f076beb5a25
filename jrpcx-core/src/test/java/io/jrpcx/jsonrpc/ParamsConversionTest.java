package io.jrpcx.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.internal.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Typed parameters: JSON {@code null} for a primitive, a string for a number, a fraction for an integer
 * and a number out of range are all -32602 naming the parameter and the method, never an internal error
 * (which the reference-style catch-all would log as an error with a stack trace); huge exponents are
 * never expanded.
 */
class ParamsConversionTest {

    /** Reflected methods with primitive and boxed parameters. */
    public static final class Typed {
        @RpcMethod
        public int add(int a, int b) {
            return a + b;
        }

        @RpcMethod
        public long twice(long v) {
            return 2 * v;
        }

        @RpcMethod
        public double half(double d) {
            return d / 2;
        }

        @RpcMethod
        public boolean not(boolean b) {
            return !b;
        }

        @RpcMethod
        public String boxed(Integer maybe) {
            return String.valueOf(maybe);
        }

        @RpcMethod
        public int total(int... values) {
            int t = 0;
            for (int v : values) {
                t += v;
            }
            return t;
        }

        @RpcMethod
        public int orZero(Optional<Integer> n) {
            return n.orElse(0);
        }

        @RpcMethod
        public char initial(char c) {
            return c;
        }
    }

    private static final MethodTable<Void> TABLE = MethodTable.<Void>builder().methods(new Typed()).build();

    /** The arguments of a parsed request, so numbers are what a peer's JSON makes of them. */
    private static Arguments parsed(String params) {
        String message = "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":" + params + ",\"id\":1}";
        return ((Request) ((Decoded.Single) JsonRpc.V2.messageToItem(message.getBytes(StandardCharsets.UTF_8))).item()).args();
    }

    private static JsonNode call(String method, String params) {
        return TABLE.invoke(null, new Request(method, parsed(params)));
    }

    private static RpcError refused(String method, String params) {
        try {
            call(method, params);
        } catch (RpcError e) {
            assertThat(e.code()).as(e.message()).isEqualTo(JsonRpc.INVALID_PARAMS);
            return e;
        }
        throw new AssertionError("accepted " + method + params);
    }

    @Test
    void nullForAPrimitiveParameterIsInvalidParams() {
        assertThat(refused("add", "[1, null]").message())
                .isEqualTo("invalid value for parameter \"b\" of method \"add\": expected an integer, got null");
        assertThat(refused("add", "{\"a\": null, \"b\": 1}").message())
                .isEqualTo("invalid value for parameter \"a\" of method \"add\": expected an integer, got null");
        assertThat(refused("half", "[null]").message()).contains("parameter \"d\"").contains("expected a number, got null");
        assertThat(refused("not", "[null]").message()).contains("parameter \"b\"").contains("expected a boolean, got null");
        assertThat(refused("total", "[1, null]").message()).contains("parameter \"#1\"").contains("got null");
        assertThat(refused("initial", "[null]").message()).contains("parameter \"c\"");
        // a boxed or optional parameter takes null as "none"
        assertThat(call("boxed", "[null]").textValue()).isEqualTo("null");
        assertThat(call("orZero", "[null]").intValue()).isZero();
    }

    @Test
    void otherValuesThatDoNotFitAreInvalidParams() {
        assertThat(refused("add", "[1, \"2\"]").message())
                .isEqualTo("invalid value for parameter \"b\" of method \"add\": expected an integer, got \"2\"");
        assertThat(refused("add", "[1, 1.5]").message()).endsWith("expected an integer, got 1.5");
        assertThat(refused("add", "[1, 2147483648]").message()).contains("parameter \"b\"").contains("out of range for int");
        assertThat(refused("add", "[1, 1e10]").message()).contains("out of range for int");
        assertThat(refused("add", "[1, true]").message()).endsWith("expected an integer, got true");
        assertThat(refused("twice", "[9223372036854775808]").message()).contains("out of range for long");
        assertThat(refused("twice", "[1e1000]").message()).contains("out of range for long");
        assertThat(refused("twice", "[1e-1000]").message()).contains("expected an integer");
        assertThat(refused("half", "[1e400]").message()).contains("parameter \"d\"").contains("out of range for double");
        assertThat(refused("half", "[\"1\"]").message()).contains("expected a number");
        assertThat(refused("not", "[\"true\"]").message()).contains("expected a boolean");
        assertThat(refused("boxed", "[\"x\"]").message()).contains("parameter \"maybe\"");
        assertThat(refused("initial", "[\"ab\"]").message()).contains("expected a single character");
        // integers written as decimals are integers
        assertThat(call("add", "[1.0, 1e3]").intValue()).isEqualTo(1001);
        assertThat(call("add", "[-2147483648, 0]").intValue()).isEqualTo(Integer.MIN_VALUE);
        assertThat(call("twice", "[4.6116860184273879E+18]").longValue()).isEqualTo(2 * 4611686018427387900L);
        assertThat(call("total", "[1, 2, 3.0]").intValue()).isEqualTo(6);
        assertThat(call("half", "[1e308]").doubleValue()).isEqualTo(5e307);
        assertThat(call("initial", "[\"z\"]").textValue()).isEqualTo("z");
    }

    @Test
    void typedGettersAreStrictToo() {
        Params p = Signature.varargs().bind("m", parsed("[null, \"5\", 5, 1e400, \"s\", 2.5, true]"));
        assertThat(((RpcError) catchRpc(() -> p.getInt(0))).message())
                .isEqualTo("invalid value for parameter \"#0\" of method \"m\": expected an integer, got null");
        assertThat(catchRpc(() -> p.getLong(1)).message()).contains("expected an integer, got \"5\"");
        assertThat(p.getInt(2)).isEqualTo(5);
        assertThat(catchRpc(() -> p.getString(2)).message()).contains("expected a string, got 5");
        assertThat(catchRpc(() -> p.getString(0)).message()).contains("expected a string, got null");
        assertThat(catchRpc(() -> p.getDouble(3)).message()).contains("out of range for double");
        assertThat(p.getDecimal(3)).isEqualByComparingTo(BigDecimal.ONE.scaleByPowerOfTen(400));
        assertThat(p.getBigInteger(3)).isEqualTo(BigInteger.TEN.pow(400));
        assertThat(catchRpc(() -> p.getBigInteger(5)).message()).contains("expected an integer, got 2.5");
        assertThat(catchRpc(() -> p.getBigInteger(0)).message()).contains("expected an integer, got null");
        assertThat(catchRpc(() -> p.getDecimal(0)).message()).contains("expected a number, got null");
        assertThat(catchRpc(() -> p.getDecimal(4)).message()).contains("expected a number, got \"s\"");
        assertThat(catchRpc(() -> p.getBoolean(4)).message()).contains("expected a boolean");
        assertThat(p.getBoolean(6)).isTrue();
        assertThat(p.get(2, Integer.class)).isEqualTo(5);
        assertThat(p.get(0, Integer.class)).isNull();
        assertThat(catchRpc(() -> p.get(0, int.class)).message()).contains("expected an integer, got null");
    }

    @Test
    void hugeExponentsAreNeverExpanded() {
        // values a handler may build or receive from elsewhere than the parser, which refuses them
        for (String huge : new String[] {"1e999999999", "-1e999999999", "1e-999999999", "123e2147483000"}) {
            Params p = Signature.of("n").bind("m",
                    Arguments.of(Json.factory().numberNode(new BigDecimal(huge))));
            long start = System.nanoTime();
            for (Function<Params, Object> getter : java.util.List.<Function<Params, Object>>of(
                    q -> q.getInt("n"), q -> q.getLong("n"), q -> q.getBigInteger("n"), q -> q.get("n", Integer.class),
                    q -> q.get("n", long.class))) {
                assertThat(catchRpc(() -> getter.apply(p)).code()).isEqualTo(JsonRpc.INVALID_PARAMS);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as(huge).isLessThan(Duration.ofSeconds(5));
        }
    }

    private static RpcError catchRpc(Runnable r) {
        try {
            r.run();
        } catch (RpcError e) {
            return e;
        }
        throw new AssertionError("no error");
    }
}
