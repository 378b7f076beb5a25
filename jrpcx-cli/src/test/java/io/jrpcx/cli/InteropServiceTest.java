package io.jrpcx.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.RpcError;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InteropServiceTest {

    private static List<JsonNode> numbers(String... json) {
        List<JsonNode> nodes = new ArrayList<>();
        for (String j : json) {
            nodes.add(java.util.Objects.requireNonNull(CallCommand.parseJson(j)));
        }
        return nodes;
    }

    @Test
    void integersAddExactly() {
        assertThat(InteropService.sum(numbers())).isEqualTo(BigInteger.ZERO);
        assertThat(InteropService.sum(numbers("1", "2", "-3"))).isEqualTo(BigInteger.ZERO);
        assertThat(InteropService.sum(numbers("123456789012345678901234567890", "1")))
                .isEqualTo(new BigInteger("123456789012345678901234567891"));
    }

    @Test
    void anyNonIntegerMakesItBinaryFloatingPoint() {
        assertThat(InteropService.sum(numbers("0.1", "0.2"))).isEqualTo(0.30000000000000004);
        assertThat(InteropService.sum(numbers("1", "2.5"))).isEqualTo(3.5);
        assertThat(InteropService.sum(numbers("1.0"))).isEqualTo(1.0);
        assertThat(InteropService.sum(numbers("-0.0"))).isEqualTo(0.0);
        // the integer part is converted when the first float arrives, as a left-to-right sum does
        assertThat(InteropService.sum(numbers("9007199254740993", "0.0"))).isEqualTo(9007199254740992.0);
        assertThat(InteropService.sum(numbers("0.0", "9007199254740993"))).isEqualTo(9007199254740992.0);
    }

    @Test
    void nonFiniteSumIsAnError() {
        assertThatThrownBy(() -> InteropService.sum(numbers("1e308", "1e308")))
                .isInstanceOfSatisfying(RpcError.class, e -> assertThat(e.code()).isEqualTo(JsonRpc.INVALID_PARAMS));
        assertThatThrownBy(() -> InteropService.sum(numbers("1e400")))
                .isInstanceOf(RpcError.class);
    }

    @Test
    void hugeExponentsAreNeverExpanded() {
        // a server refuses exponents beyond 1000 on input; sum must not expand them wherever they come from
        long start = System.nanoTime();
        assertThatThrownBy(() -> InteropService.sum(numbers("1e999999999")))
                .isInstanceOfSatisfying(RpcError.class, e -> assertThat(e.code()).isEqualTo(JsonRpc.INVALID_PARAMS));
        assertThatThrownBy(() -> InteropService.sum(numbers("1", "-1e999999999")))
                .isInstanceOfSatisfying(RpcError.class, e -> assertThat(e.code()).isEqualTo(JsonRpc.INVALID_PARAMS));
        assertThat(InteropService.sum(numbers("1", "1e-999999999"))).isEqualTo(1.0);
        assertThat(InteropService.sum(numbers("1e-999999999"))).isEqualTo(0.0);
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(5));
    }

    @Test
    void nonNumbersAreInvalidParams() {
        for (String bad : List.of("\"1\"", "true", "null", "[1]", "{}")) {
            assertThatThrownBy(() -> InteropService.sum(numbers("1", bad)))
                    .isInstanceOfSatisfying(RpcError.class, e -> {
                        assertThat(e.code()).isEqualTo(JsonRpc.INVALID_PARAMS);
                        assertThat(e.message()).isEqualTo("sum: every argument must be a number");
                    });
        }
    }

    @Test
    void servesTheDocumentedMethodsAndStatsOnlyWhenAskedFor() {
        assertThat(new InteropService().methodNames())
                .containsExactlyInAnyOrder("echo", "sum", "sleep", "fail", "bye", "call_me_back");
        assertThat(new InteropService(true).methodNames())
                .containsExactlyInAnyOrder("echo", "sum", "sleep", "fail", "bye", "call_me_back", "jrpcx.stats");
    }
}
