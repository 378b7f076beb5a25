package io.jrpcx.internal.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The compact writer writes exactly what Jackson's generator writes, and leaves the rest to it. */
class CompactJsonWriterTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static void same(JsonNode node) {
        JsonCodec.Body body = out -> out.writeTree(node);
        byte[] compact = JsonCodec.encode(body);
        byte[] jackson = JsonCodec.encodeWithJackson(body);
        assertThat(new String(compact, StandardCharsets.UTF_8)).isEqualTo(new String(jackson, StandardCharsets.UTF_8));
        assertThat(compact).isEqualTo(jackson);
    }

    @Test
    void everyCharacterOfTheBasicPlaneAndSurrogatePairs() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0xD800; c++) {
            all.append(c);
        }
        for (char c = 0xE000; c != 0; c++) {
            all.append(c);
        }
        same(F.textNode(all.toString()));
        for (int cp : new int[] {0x10000, 0x1F600, 0x10FFFF}) {
            same(F.textNode("a" + Character.toString(cp) + "b"));
        }
        for (char c = 0; c < 0x80; c++) {
            same(F.textNode(String.valueOf(c)));
        }
    }

    @Test
    void numbersOfEveryKind() {
        for (long v : new long[] {0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE}) {
            same(F.numberNode(v));
        }
        same(F.numberNode(new BigInteger("123456789012345678901234567890")));
        for (String d : new String[] {"0.1", "1E+400", "-1E-400", "1.0", "0.000001", "1e-7", "123.4500", "-0"}) {
            same(F.numberNode(new BigDecimal(d)));
        }
        for (double d : new double[] {0.1, -0.0, 1e-7, 1e21, Double.MIN_VALUE, Double.MAX_VALUE, 3.0}) {
            same(F.numberNode(d));
        }
        same(F.numberNode(1.5f));
    }

    @Test
    void randomTrees() {
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            same(tree(random, 4));
        }
    }

    private static JsonNode tree(Random r, int depth) {
        int kind = r.nextInt(depth <= 0 ? 6 : 8);
        return switch (kind) {
            case 0 -> F.nullNode();
            case 1 -> F.booleanNode(r.nextBoolean());
            case 2 -> F.numberNode(r.nextLong());
            case 3 -> F.numberNode(BigDecimal.valueOf(r.nextGaussian()).scaleByPowerOfTen(r.nextInt(20) - 10));
            case 4, 5 -> F.textNode(text(r));
            case 6 -> {
                ArrayNode a = F.arrayNode();
                for (int j = r.nextInt(4); j > 0; j--) {
                    a.add(tree(r, depth - 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = F.objectNode();
                for (int j = r.nextInt(4); j > 0; j--) {
                    o.set(text(r), tree(r, depth - 1));
                }
                yield o;
            }
        };
    }

    private static String text(Random r) {
        StringBuilder s = new StringBuilder();
        for (int j = r.nextInt(8); j > 0; j--) {
            int pick = r.nextInt(4);
            s.appendCodePoint(switch (pick) {
                case 0 -> r.nextInt(0x80);
                case 1 -> 0x80 + r.nextInt(0x780);
                case 2 -> 0xE000 + r.nextInt(0x1000);
                default -> 0x10000 + r.nextInt(0x1000);
            });
        }
        return s.toString();
    }

    @Test
    void whatTheCompactWriterLeavesToJacksonComesOutTheSame() {
        JsonCodec.Body loneSurrogate = out -> out.writeTree(F.textNode("x\uD800y"));
        assertThat(JsonCodec.encode(loneSurrogate)).isEqualTo(JsonCodec.encodeWithJackson(loneSurrogate));
        same(F.binaryNode(new byte[] {1, 2, 3}));
        same(F.pojoNode(java.util.Map.of("k", 1)));
    }

    @Test
    void nonFiniteNumbersAreRefusedByBoth() {
        assertThatThrownBy(() -> JsonCodec.encode(F.numberNode(Double.NaN))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonCodec.encode(F.numberNode(Double.POSITIVE_INFINITY)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void messagesOfEveryDialectAreTheSame() {
        for (io.jrpcx.jsonrpc.JsonRpcProtocol p : new io.jrpcx.jsonrpc.JsonRpcProtocol[] {
                io.jrpcx.jsonrpc.JsonRpc.V1, io.jrpcx.jsonrpc.JsonRpc.V2, io.jrpcx.jsonrpc.JsonRpc.LOOSE}) {
            byte[] response = p.responseMessage(F.textNode("hi\n"), io.jrpcx.jsonrpc.RequestId.of(7));
            assertThat(new String(response, StandardCharsets.UTF_8)).contains("\"result\":\"hi\\n\"");
            byte[] error = p.errorMessage(new io.jrpcx.jsonrpc.RpcError(-1, "no \"way\"", F.arrayNode().add(1)),
                    io.jrpcx.jsonrpc.RequestId.of("x"));
            assertThat(new String(error, StandardCharsets.UTF_8)).contains("\"message\":\"no \\\"way\\\"\"");
        }
    }
}
