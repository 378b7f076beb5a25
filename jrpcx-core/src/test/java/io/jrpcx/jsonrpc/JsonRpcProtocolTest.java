package io.jrpcx.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import io.jrpcx.internal.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRpcProtocolTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static Decoded.Single single(JsonRpcProtocol p, String message) {
        return (Decoded.Single) p.messageToItem(b(message));
    }

    private static ProtocolError error(JsonRpcProtocol p, String message) {
        try {
            p.messageToItem(b(message));
        } catch (ProtocolError e) {
            return e;
        }
        throw new AssertionError("no protocol error for " + message);
    }

    @Test
    void byNameFindsEveryProtocol() {
        assertThat(JsonRpc.byName("v1")).isSameAs(JsonRpc.V1);
        assertThat(JsonRpc.byName("V2")).isSameAs(JsonRpc.V2);
        assertThat(JsonRpc.byName("loose")).isSameAs(JsonRpc.LOOSE);
        assertThat(JsonRpc.byName("auto")).isSameAs(JsonRpc.AUTO);
        assertThat(JsonRpc.AUTO.name()).isEqualTo("auto");
        assertThatThrownBy(() -> JsonRpc.byName("v3")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encodesV2Compactly() {
        JsonRpcProtocol p = JsonRpc.V2;
        assertThat(s(p.requestMessage(new Request("echo", Arguments.of("hi")), RequestId.of(0))))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":0,\"params\":[\"hi\"]}");
        assertThat(s(p.requestMessage(new Request("ping", Arguments.none()), RequestId.of("x"))))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":\"x\"}");
        assertThat(s(p.notificationMessage(new Notification("n", Arguments.named(Map.of())))))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"n\",\"params\":{}}");
        assertThat(s(p.responseMessage(Json.toNode(5), RequestId.of(1))))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":5,\"id\":1}");
        assertThat(s(p.errorMessage(new RpcError(-1, "bad"), RequestId.nullId())))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-1,\"message\":\"bad\"},\"id\":null}");
        assertThat(s(p.errorMessage(new RpcError(-1, "bad", Json.toNode(List.of(1))), RequestId.of(2))))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-1,\"message\":\"bad\",\"data\":[1]},\"id\":2}");
    }

    @Test
    void encodesV1() {
        JsonRpcProtocol p = JsonRpc.V1;
        assertThat(s(p.requestMessage(new Request("a", Arguments.none()), RequestId.of(0))))
                .isEqualTo("{\"method\":\"a\",\"params\":[],\"id\":0}");
        assertThat(s(p.notificationMessage(new Notification("a", Arguments.of(1)))))
                .isEqualTo("{\"method\":\"a\",\"params\":[1],\"id\":null}");
        assertThat(s(p.responseMessage(Json.toNode("r"), RequestId.of(1))))
                .isEqualTo("{\"result\":\"r\",\"error\":null,\"id\":1}");
        assertThat(s(p.errorMessage(new RpcError(3, "x"), RequestId.of(1))))
                .isEqualTo("{\"result\":null,\"error\":{\"code\":3,\"message\":\"x\"},\"id\":1}");
        assertThatThrownBy(() -> p.requestMessage(new Request("a", Arguments.named(Map.of("k", 1))), RequestId.of(0)))
                .isInstanceOfSatisfying(ProtocolError.class, e -> {
                    assertThat(e.code()).isEqualTo(JsonRpc.INVALID_PARAMS);
                    assertThat(e.message()).isEqualTo("JSONRPCv1 does not support named arguments");
                });
        assertThatThrownBy(() -> p.batchMessage(new Batch(List.of(new Request("a", Arguments.none()))),
                List.of(RequestId.of(0))))
                .isInstanceOfSatisfying(ProtocolError.class,
                        e -> assertThat(e.message()).isEqualTo("protocol does not permit batches"));
    }

    @Test
    void batchesJoinWithCommaSpace() {
        Batch batch = new Batch(List.of(new Request("a", Arguments.of(1)), new Notification("n", Arguments.none())));
        assertThat(s(JsonRpc.V2.batchMessage(batch, List.of(RequestId.of(7)))))
                .isEqualTo("[{\"jsonrpc\":\"2.0\",\"method\":\"a\",\"id\":7,\"params\":[1]}, "
                        + "{\"jsonrpc\":\"2.0\",\"method\":\"n\"}]");
        assertThatThrownBy(() -> JsonRpc.V2.batchMessage(new Batch(List.of()), List.of()))
                .isInstanceOfSatisfying(ProtocolError.class, e -> assertThat(e.message()).isEqualTo("batch is empty"));
    }

    @Test
    void outputIsUtf8() {
        byte[] out = JsonRpc.V2.responseMessage(Json.toNode("é😀"), RequestId.of(1));
        // BMP characters as UTF-8; others as an escaped surrogate pair (as Jackson writes them)
        assertThat(s(out)).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":\"é\\uD83D\\uDE00\",\"id\":1}");
        assertThat(JsonRpc.V2.parse(out).get("result").textValue()).isEqualTo("é😀");
        // a lone surrogate (legal in a JSON string escape) still gives valid JSON
        Request r = (Request) single(JsonRpc.V2, "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[\"\\ud800x\"],\"id\":1}").item();
        byte[] echoed = JsonRpc.V2.responseMessage(r.args().node(), RequestId.of(1));
        assertThat(JsonRpc.V2.parse(echoed).get("result").get(0).textValue()).isEqualTo("\ud800x");
    }

    @Test
    void requestIdsKeepTheirKind() {
        assertThat(single(JsonRpc.V2, "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":1}").id()).isInstanceOf(RequestId.Num.class);
        assertThat(single(JsonRpc.V2, "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":\"1\"}").id()).isEqualTo(RequestId.of("1"));
        Decoded.Single nullId = single(JsonRpc.V2, "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":null}");
        assertThat(nullId.id()).isEqualTo(RequestId.nullId());
        assertThat(nullId.item()).isInstanceOf(Notification.class);
        Decoded.Single absent = single(JsonRpc.V2, "{\"jsonrpc\":\"2.0\",\"method\":\"m\"}");
        assertThat(absent.id()).isEqualTo(RequestId.absent());
        assertThat(absent.item()).isInstanceOf(Notification.class);
        Decoded.Single bool = single(JsonRpc.V2, "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":true}");
        assertThat(bool.id()).isInstanceOf(RequestId.Other.class);
        Decoded.Single array = single(JsonRpc.V1, "{\"method\":\"m\",\"params\":[],\"id\":[1]}");
        assertThat(array.id().toJson().toString()).isEqualTo("[1]");
        assertThat(RequestId.of(1)).isEqualTo(RequestId.fromJson(Json.toNode(new BigDecimal("1.0"))));
        assertThat(RequestId.of(1)).isNotEqualTo(RequestId.of("1"));
    }

    @Test
    void bigIntegerIdEchoesUnchanged() {
        String id = "123456789012345678901234567890";
        Decoded.Single s = single(JsonRpc.V2, "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":" + id + "}");
        assertThat(s(JsonRpc.V2.responseMessage(Json.toNode(1), s.id()))).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":1,\"id\":" + id + "}");
    }

    @Test
    void numbersKeepKindAndValue() {
        Request r = (Request) single(JsonRpc.V2,
                "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[123456789012345678901234567890, 0.1, 1.25, 1e400, 7],\"id\":1}").item();
        JsonNode args = r.args().node();
        assertThat(args.get(0).isIntegralNumber()).isTrue();
        assertThat(args.get(0).bigIntegerValue()).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(args.get(1).decimalValue()).isEqualByComparingTo("0.1");
        assertThat(args.get(4).isIntegralNumber()).isTrue();
        assertThat(args.get(3).decimalValue()).isEqualByComparingTo(new BigDecimal("1e400"));
        com.fasterxml.jackson.databind.node.ArrayNode finite = ((com.fasterxml.jackson.databind.node.ArrayNode) args.deepCopy());
        finite.remove(3);
        byte[] echoed = JsonRpc.V2.responseMessage(finite, RequestId.of(1));
        String text = s(echoed);
        assertThat(text).contains("[123456789012345678901234567890,0.1,1.25,7]").doesNotContain("Infinity", "NaN");
    }

    @Test
    void decimalsBeyondTheDoubleRangeAreSentBackExactly() {
        Request r = (Request) single(JsonRpc.V2,
                "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[1e400, -1e-400, 1.5e1000],\"id\":1}").item();
        assertThat(s(JsonRpc.V2.responseMessage(r.args().node(), RequestId.of(1))))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":[1E+400,-1E-400,1.5E+1000],\"id\":1}");
        assertThat(s(JsonRpc.V2.responseMessage(Json.toNode(new BigDecimal("1.7e308")), RequestId.of(1))))
                .contains("1.7E+308");
    }

    @Test
    void nonFiniteNumbersAreRefused() {
        assertThatThrownBy(() -> JsonRpc.V2.responseMessage(DoubleNode.valueOf(Double.POSITIVE_INFINITY), RequestId.of(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonRpc.V2.encodePayload(Json.toNode(List.of(Double.NaN))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBatchOfNoPartsIsRefused() {
        for (JsonRpcProtocol p : List.of(JsonRpc.V2, JsonRpc.LOOSE, JsonRpc.AUTO)) {
            assertThatThrownBy(() -> p.batchMessageFromParts(List.of()))
                    .isInstanceOfSatisfying(ProtocolError.class, e -> {
                        assertThat(e.code()).isEqualTo(JsonRpc.INVALID_REQUEST);
                        assertThat(e.message()).isEqualTo("batch is empty");
                    });
        }
        assertThat(s(JsonRpc.V2.batchMessageFromParts(List.of(b("1"), b("2"))))).isEqualTo("[1, 2]");
    }

    @Test
    void parseErrors() {
        for (String bad : List.of("", "{bad", "{\"a\":1}{\"b\":2}", "[NaN]", "{\"x\":Infinity}")) {
            ProtocolError e = error(JsonRpc.V2, bad);
            assertThat(e.code()).as(bad).isEqualTo(JsonRpc.PARSE_ERROR);
            assertThat(e.message()).isEqualTo("invalid JSON");
            assertThat(e.responseId()).isEqualTo(RequestId.nullId());
        }
        assertThat(error(JsonRpc.V2, "\"x\"").code()).isEqualTo(JsonRpc.INVALID_REQUEST);
        assertThatThrownBy(() -> JsonRpc.V2.messageToItem(new byte[] {'"', (byte) 0xff, '"'}))
                .isInstanceOfSatisfying(ProtocolError.class,
                        e -> assertThat(e.message()).isEqualTo("messages must be encoded in UTF-8"));
        assertThatThrownBy(() -> JsonRpc.V2.messageToItem(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '1'}))
                .isInstanceOfSatisfying(ProtocolError.class, e -> assertThat(e.message()).isEqualTo("invalid JSON"));
        // an encoded surrogate is not UTF-8
        assertThatThrownBy(() -> JsonRpc.V2.messageToItem(new byte[] {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'}))
                .isInstanceOfSatisfying(ProtocolError.class,
                        e -> assertThat(e.message()).isEqualTo("messages must be encoded in UTF-8"));
    }

    @Test
    void nestingUpToTheLimitParsesAndDeeperIsAParseError() {
        int limit = Json.MAX_NESTING_DEPTH;
        String ok = "[".repeat(limit) + "]".repeat(limit);
        assertThat(JsonRpc.V2.parse(b(ok)).isArray()).isTrue();
        String deep = "[".repeat(limit + 1) + "]".repeat(limit + 1);
        assertThat(error(JsonRpc.V2, deep).code()).isEqualTo(JsonRpc.PARSE_ERROR);
        assertThat(error(JsonRpc.V2, "[".repeat(100_000)).code()).isEqualTo(JsonRpc.PARSE_ERROR);
    }

    @Test
    void duplicateKeysKeepTheLast() {
        Decoded.Single s = single(JsonRpc.V2, "{\"jsonrpc\":\"2.0\",\"method\":\"a\",\"method\":\"b\",\"id\":1,\"id\":2}");
        assertThat(((Request) s.item()).method()).isEqualTo("b");
        assertThat(s.id()).isEqualTo(RequestId.of(2));
    }

    @Test
    void requestRulesPerVersion() {
        ProtocolError version = error(JsonRpc.V2, "{\"method\":\"m\",\"params\":[],\"id\":4}");
        assertThat(version.message()).isEqualTo("\"jsonrpc\" is not \"2.0\"");
        assertThat(version.responseId()).isEqualTo(RequestId.of(4));
        assertThat(single(JsonRpc.LOOSE, "{\"method\":\"m\",\"params\":[],\"id\":4}").item()).isInstanceOf(Request.class);
        assertThat(error(JsonRpc.V1, "{\"method\":\"m\",\"params\":[]}").message()).isEqualTo("request has no \"id\"");
        ProtocolError named = error(JsonRpc.V1, "{\"method\":\"m\",\"params\":{\"a\":\"x\"},\"id\":1}");
        assertThat(named.code()).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(named.message()).isEqualTo("invalid request arguments: {'a': 'x'}");
        ProtocolError method = error(JsonRpc.V2, "{\"jsonrpc\":\"2.0\",\"method\":5,\"id\":1}");
        assertThat(method.code()).isEqualTo(JsonRpc.METHOD_NOT_FOUND);
        assertThat(method.message()).isEqualTo("method must be a string");
        ProtocolError id = error(JsonRpc.V2, "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":{\"a\":[1, null, true, 1.5]}}");
        assertThat(id.message()).isEqualTo("invalid \"id\": {'a': [1, None, True, 1.5]}");
        assertThat(id.responseId()).isEqualTo(RequestId.nullId());
        assertThat(error(JsonRpc.V2, "[]").message()).isEqualTo("batch is empty");
        assertThat(error(JsonRpc.V1, "[]").message()).isEqualTo("request object must be a dictionary");
        assertThat(error(JsonRpc.V2, "3").message()).isEqualTo("request object must be a dictionary");
    }

    @Test
    void responseRulesPerVersion() {
        assertThat(single(JsonRpc.V2, "{\"jsonrpc\":\"2.0\",\"result\":null,\"id\":1}").item())
                .isEqualTo(new Response(Json.factory().nullNode()));
        RpcError err = (RpcError) single(JsonRpc.V2,
                "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-5,\"message\":\"no\",\"data\":7},\"id\":1}").item();
        assertThat(err.code()).isEqualTo(-5);
        assertThat(err.data().intValue()).isEqualTo(7);
        ProtocolError both = error(JsonRpc.V2, "{\"jsonrpc\":\"2.0\",\"result\":1,\"error\":null,\"id\":3}");
        assertThat(both.message()).isEqualTo("response contains both \"result\" and \"error\"");
        assertThat(both.isAnswered()).isFalse();
        assertThat(both.responseTo()).isEqualTo(RequestId.of(3));
        assertThat(error(JsonRpc.V2, "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":1},\"id\":3}").message())
                .isEqualTo("ill-formed response error object: {'code': 1}");
        RpcError lenient = (RpcError) single(JsonRpc.LOOSE, "{\"error\":\"text\",\"id\":3}").item();
        assertThat(lenient.code()).isEqualTo(JsonRpc.ERROR_CODE_UNAVAILABLE);
        assertThat(lenient.message()).isEqualTo("text");
        assertThat(single(JsonRpc.V1, "{\"result\":2,\"error\":null,\"id\":3}").item()).isInstanceOf(Response.class);
        assertThat(error(JsonRpc.V1, "{\"result\":2,\"id\":3}").message())
                .isEqualTo("response must contain both \"result\" and \"error\"");
    }

    @Test
    void autoDetection() {
        JsonRpcProtocol auto = JsonRpc.AUTO;
        assertThat(auto.detect(JsonRpc.V2.parse(b("{\"jsonrpc\":\"2.0\",\"method\":\"m\"}")))).isSameAs(JsonRpc.V2);
        assertThat(auto.detect(JsonRpc.V2.parse(b("{\"jsonrpc\":\"1.0\",\"method\":\"m\"}")))).isSameAs(JsonRpc.V1);
        assertThat(auto.detect(JsonRpc.V2.parse(b("{\"result\":1,\"error\":null,\"id\":1}")))).isSameAs(JsonRpc.V1);
        assertThat(auto.detect(JsonRpc.V2.parse(b("{\"method\":\"m\",\"params\":[],\"id\":1}")))).isSameAs(JsonRpc.LOOSE);
        assertThat(auto.detect(JsonRpc.V2.parse(b("[5, {\"a\":1}, {\"jsonrpc\":\"2.0\"}]")))).isSameAs(JsonRpc.V2);
        assertThat(auto.detect(JsonRpc.V2.parse(b("[]")))).isSameAs(JsonRpc.LOOSE);
        // a batch: 2.0 if any member is 2.0, else 1.0 if any is 1.0, else loose (the reference's rule)
        String v1 = "{\"jsonrpc\":\"1.0\",\"method\":\"m\",\"params\":[],\"id\":1}";
        String v2 = "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":2}";
        String loose = "{\"method\":\"m\",\"id\":3}";
        assertThat(auto.detect(JsonRpc.V2.parse(b("[" + v1 + "," + v2 + "]")))).isSameAs(JsonRpc.V2);
        assertThat(auto.detect(JsonRpc.V2.parse(b("[{\"result\":1,\"error\":null,\"id\":1}," + v2 + "]"))))
                .isSameAs(JsonRpc.V2);
        assertThat(auto.detect(JsonRpc.V2.parse(b("[" + loose + "," + v1 + "]")))).isSameAs(JsonRpc.V1);
        assertThat(auto.detect(JsonRpc.V2.parse(b("[" + v1 + ",5]")))).isSameAs(JsonRpc.V1);
        assertThat(auto.detect(JsonRpc.V2.parse(b("[" + loose + ",5]")))).isSameAs(JsonRpc.LOOSE);
        assertThat(JsonRpc.V2.detect(JsonRpc.V2.parse(b("{}")))).isSameAs(JsonRpc.V2);
        assertThat(s(auto.requestMessage(new Request("x", Arguments.none()), RequestId.of(0))))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"id\":0}");
    }
}
