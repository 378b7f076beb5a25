package io.jrpcx.internal.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.internal.json.Json;
import io.jrpcx.jsonrpc.Decoded;
import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.jsonrpc.ProtocolError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The fast path gives exactly what the general path gives, or steps aside. */
class FastRequestTest {

    /** The corpus was written by Python, which writes NaN and Infinity. */
    private static final com.fasterxml.jackson.databind.ObjectMapper CORPUS_READER =
            com.fasterxml.jackson.databind.json.JsonMapper.builder()
                    .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private static final List<String> SIMPLE = List.of(
            "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"hello world\"],\"id\":12345}",
            "{\"id\":\"abc\",\"params\":{\"message\":\"hi\"},\"method\":\"echo\",\"jsonrpc\":\"2.0\"}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"sum\",\"params\":[1,2.50,1e400,-0.0,123456789012345678901234567890,9007199254740993]}",
            "{ \"jsonrpc\" : \"2.0\" , \"method\" : \"m\" , \"params\" : [ true , false , null ] , \"id\" : -7 } ",
            "{\"jsonrpc\":\"2.0\",\"method\":\"\\u00e9\\n\",\"params\":[\"\\ud83d\\ude00\",\"é\"],\"id\":0}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[],\"id\":2147483647}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"hello world\"],\"id\":4294967297}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[],\"id\":-9223372036854775808}",
            "{\"jsonrpc\":\"2.0\",\"result\":\"hello world\",\"id\":9223372036854775807}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":{},\"id\":\"\"}",
            "{\"jsonrpc\":\"2.0\",\"result\":\"hello world\",\"id\":12345}",
            "{\"id\":\"r\",\"result\":[1,2.50,1e400,null,\"x\"],\"jsonrpc\":\"2.0\"}",
            "{\"jsonrpc\":\"2.0\",\"result\":{\"a\":true,\"b\":123456789012345678901234567890},\"id\":0}",
            "{\"jsonrpc\":\"2.0\",\"result\":null,\"id\":-1}");

    private static final List<String> GENERAL_ONLY = List.of(
            "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[[1]],\"id\":1}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[1],\"id\":1,\"id\":2}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":{\"a\":1,\"a\":2},\"id\":1}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":1}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[1],\"id\":null}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[1],\"id\":1.0}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[1],\"id\":true}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[1],\"id\":9223372036854775808}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[1],\"id\":-9223372036854775809}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[1],\"id\":1} x",
            "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[NaN],\"id\":1}",
            "\ufeff{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[1],\"id\":1}",
            "{\"jsonrpc\":\"1.0\",\"method\":\"m\",\"params\":[1],\"id\":1}",
            "{\"method\":\"m\",\"params\":[1],\"id\":1}",
            "{\"jsonrpc\":\"2.0\",\"method\":5,\"params\":[1],\"id\":1}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[1],\"id\":1,\"extra\":0}",
            "{\"jsonrpc\":\"2.0\",\"result\":1}",
            "{\"jsonrpc\":\"2.0\",\"result\":1,\"id\":null}",
            "{\"jsonrpc\":\"2.0\",\"result\":[[1]],\"id\":1}",
            "{\"jsonrpc\":\"2.0\",\"result\":1,\"error\":null,\"id\":1}",
            "{\"jsonrpc\":\"2.0\",\"result\":1,\"result\":2,\"id\":1}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[],\"result\":1,\"id\":1}",
            "{\"result\":1,\"id\":1}",
            "{\"jsonrpc\":\"2.0\",\"result\":1e1001,\"id\":1}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[1e-1001],\"id\":1}");

    @Test
    void simpleRequestsTakeTheFastPathAndMatchTheGeneralOne() {
        for (String text : SIMPLE) {
            byte[] message = text.getBytes(StandardCharsets.UTF_8);
            Decoded.Single fast = FastRequest.tryParse(message);
            assertThat(fast).as(text).isNotNull();
            assertSame(text, Objects.requireNonNull(fast), JsonRpc.V2.decode(JsonRpc.V2.parse(message)));
        }
    }

    @Test
    void everythingElseStepsAside() {
        for (String text : GENERAL_ONLY) {
            assertThat(FastRequest.tryParse(text.getBytes(StandardCharsets.UTF_8))).as(text).isNull();
        }
    }

    @Test
    void theReferenceCorpusGetsTheSameItemsEitherWay() throws IOException {
        int fastOnes = 0;
        for (byte[] message : corpusMessages()) {
            Decoded.Single fast = FastRequest.tryParse(message);
            if (fast == null) {
                continue;
            }
            fastOnes++;
            Decoded general;
            try {
                general = JsonRpc.V2.decode(JsonRpc.V2.parse(message));
            } catch (ProtocolError e) {
                throw new AssertionError("fast path accepted what the general path rejects: "
                        + new String(message, StandardCharsets.UTF_8), e);
            }
            assertSame(new String(message, StandardCharsets.UTF_8), fast, general);
        }
        assertThat(fastOnes).isPositive();
    }

    @Test
    void randomSimpleMessagesAndTheirMutantsGetTheSameItemsEitherWay() {
        java.util.Random r = new java.util.Random(11);
        int fastOnes = 0;
        for (int i = 0; i < 20_000; i++) {
            String text = randomMessage(r);
            if (r.nextInt(3) == 0) {   // a mutant: one character replaced
                char[] chars = text.toCharArray();
                String replacements = "{}[]\",:0-.eE \\ux\u00e9\n";
                chars[r.nextInt(chars.length)] = replacements.charAt(r.nextInt(replacements.length()));
                text = new String(chars);
            }
            byte[] message = text.getBytes(StandardCharsets.UTF_8);
            Decoded.Single fast = FastRequest.tryParse(message);
            if (fast == null) {
                continue;
            }
            fastOnes++;
            Decoded general;
            try {
                general = JsonRpc.V2.decode(JsonRpc.V2.parse(message));
            } catch (ProtocolError e) {
                throw new AssertionError("fast path accepted what the general path rejects: " + text, e);
            }
            assertSame(text, fast, general);
        }
        assertThat(fastOnes).isGreaterThan(5_000);
    }

    @Test
    void batchesOfSimpleRequestsTakeTheFastPathAndMatchTheGeneralOne() {
        String loadgen = "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"hello world\"],\"id\":429496729700001}";
        for (String text : List.of("[" + loadgen + "," + loadgen.replace("01}", "02}") + "]",
                "[ " + SIMPLE.get(1) + " , " + SIMPLE.get(0) + " ] ",
                "[{\"jsonrpc\":\"2.0\",\"method\":\"note\",\"params\":[]}]")) {
            byte[] message = text.getBytes(StandardCharsets.UTF_8);
            List<Decoded.Single> fast = FastRequest.tryParseBatch(message);
            assertThat(fast).as(text).isNotNull();
            assertSameBatch(text, Objects.requireNonNull(fast), message);
        }
    }

    @Test
    void batchesWithAnythingElseStepAside() {
        String good = SIMPLE.get(0);
        List<String> aside = new ArrayList<>(List.of("[]", "[ ]", "[" + good + "]x", "[" + good + ",]", "[" + good,
                "[" + good + ",{\"jsonrpc\":\"2.0\",\"result\":1,\"id\":2}]",   // a response among requests
                "[" + good + ",1]", "[[" + good + "]]", "[" + good + "] [" + good + "]"));
        for (String other : GENERAL_ONLY) {
            aside.add("[" + good + "," + other + "]");
        }
        for (String text : aside) {
            assertThat(FastRequest.tryParseBatch(text.getBytes(StandardCharsets.UTF_8))).as(text).isNull();
        }
        assertThat(FastRequest.tryParseBatch(good.getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(FastRequest.tryParse(("[" + good + "]").getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Test
    void randomBatchesAndTheirMutantsGetTheSameItemsEitherWay() {
        java.util.Random r = new java.util.Random(12);
        int fastOnes = 0;
        for (int i = 0; i < 5_000; i++) {
            List<String> members = new ArrayList<>();
            for (int n = 1 + r.nextInt(4); n > 0; n--) {
                String m = randomMessage(r);
                while (m.contains("\"result\"") && r.nextInt(8) != 0) {
                    m = randomMessage(r);
                }
                members.add(m);
            }
            String text = "[" + String.join(r.nextBoolean() ? "," : " ,\n", members) + "]";
            if (r.nextInt(3) == 0) {
                char[] chars = text.toCharArray();
                String replacements = "{}[]\",:0-.eE \\ux\u00e9\n";
                chars[r.nextInt(chars.length)] = replacements.charAt(r.nextInt(replacements.length()));
                text = new String(chars);
            }
            byte[] message = text.getBytes(StandardCharsets.UTF_8);
            List<Decoded.Single> fast = FastRequest.tryParseBatch(message);
            if (fast == null) {
                continue;
            }
            fastOnes++;
            assertSameBatch(text, fast, message);
        }
        assertThat(fastOnes).isGreaterThan(1_000);
    }

    /** The general path reads the same batch into the same members, each as a request of the batch. */
    private static void assertSameBatch(String text, List<Decoded.Single> fast, byte[] message) {
        Decoded general;
        try {
            general = JsonRpc.V2.decode(JsonRpc.V2.parse(message));
        } catch (ProtocolError e) {
            throw new AssertionError("fast path accepted a batch the general path rejects: " + text, e);
        }
        assertThat(general).as(text).isInstanceOf(Decoded.BatchPayload.class);
        List<JsonNode> elements = ((Decoded.BatchPayload) general).elements();
        assertThat(fast).as(text).hasSameSizeAs(elements);
        for (int i = 0; i < elements.size(); i++) {
            Decoded.Single member;
            try {
                member = JsonRpc.V2.requestToItem(elements.get(i));
            } catch (ProtocolError e) {
                throw new AssertionError("fast path accepted a member the general path rejects: " + text, e);
            }
            assertSame(text, fast.get(i), member);
        }
    }

    private static String randomMessage(java.util.Random r) {
        List<String> members = new ArrayList<>();
        members.add(q("jsonrpc") + ":" + q("2.0"));
        boolean response = r.nextInt(4) == 0;
        if (response) {
            members.add(q("result") + ":" + (r.nextBoolean() ? randomScalar(r) : randomContainer(r)));
        } else {
            members.add(q("method") + ":" + randomString(r));
            members.add(q("params") + ":" + randomContainer(r));
        }
        if (response || r.nextBoolean()) {
            members.add(q("id") + ":" + (r.nextBoolean() ? randomString(r) : randomId(r)));
        }
        java.util.Collections.shuffle(members, r);
        String ws = r.nextInt(4) == 0 ? " \n\t" : "";
        return "{" + ws + String.join(ws + "," + ws, members) + ws + "}" + ws;
    }

    /** An integer id: mostly ints, some longs, a few beyond a long. */
    private static String randomId(java.util.Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> Long.toString(r.nextLong() >> r.nextInt(63));
            case 1 -> new java.math.BigInteger(70, r).negate().toString();
            default -> Integer.toString(r.nextInt() >> r.nextInt(31));
        };
    }

        private static String q(String s) {
        return "\"" + s + "\"";
    }

    private static String randomContainer(java.util.Random r) {
        List<String> parts = new ArrayList<>();
        boolean object = r.nextBoolean();
        for (int n = r.nextInt(5); n > 0; n--) {
            parts.add(object ? randomString(r) + ":" + randomScalar(r) : randomScalar(r));
        }
        return object ? "{" + String.join(",", parts) + "}" : "[" + String.join(",", parts) + "]";
    }

    private static String randomScalar(java.util.Random r) {
        return switch (r.nextInt(9)) {
            case 0 -> "true";
            case 1 -> "false";
            case 2 -> "null";
            case 3 -> Long.toString(r.nextLong() >> r.nextInt(64));
            case 4 -> "123456789012345678901234567890".substring(r.nextInt(30));
            case 5 -> (r.nextBoolean() ? "-" : "") + r.nextInt(1000) + "." + r.nextInt(1000) + (r.nextBoolean() ? "e" + (r.nextInt(40) - 20) : "");
            case 6 -> "-0";
            case 7 -> r.nextInt(100) + "E+" + r.nextInt(5);
            default -> randomString(r);
        };
    }

    private static String randomString(java.util.Random r) {
        StringBuilder s = new StringBuilder("\"");
        for (int n = r.nextInt(8); n > 0; n--) {
            switch (r.nextInt(7)) {
                case 0 -> s.append("\\n");
                case 1 -> s.append("\\u").append(String.format("%04x", r.nextInt(0x10000)));
                case 2 -> s.append("\\\"");
                case 3 -> s.append("\u00e9\u4e2d");
                case 4 -> s.appendCodePoint(0x1F600);
                case 5 -> s.append("\\/");
                default -> s.append((char) ('a' + r.nextInt(26)));
            }
        }
        return s.append('"').toString();
    }

    private static void assertSame(String text, Decoded.Single fast, Decoded general) {
        assertThat(fast).as(text).isEqualTo(general);
        Decoded.Single single = (Decoded.Single) general;
        if (fast.id() instanceof io.jrpcx.jsonrpc.RequestId.Num id) {
            assertThat(id.value().getClass()).as(text).isEqualTo(single.id().toJson().getClass());
        }
        // the same nodes, down to their kinds and scales, so replies are byte for byte the same
        JsonNode fastArgs = argsOf(fast);
        JsonNode generalArgs = argsOf(single);
        assertThat(JsonRpc.V2.encodePayload(fastArgs)).as(text).isEqualTo(JsonRpc.V2.encodePayload(generalArgs));
        for (int i = 0; i < fastArgs.size(); i++) {
            JsonNode f = fastArgs.isArray() ? fastArgs.get(i) : fastArgs.get(fieldName(fastArgs, i));
            JsonNode g = generalArgs.isArray() ? generalArgs.get(i) : generalArgs.get(fieldName(fastArgs, i));
            assertThat(f.getClass()).as(text).isEqualTo(g.getClass());
        }
    }

    private static String fieldName(JsonNode object, int index) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names.get(index);
    }

    private static JsonNode argsOf(Decoded.Single single) {
        return switch (single.item()) {
            case io.jrpcx.jsonrpc.Request r -> r.args().node();
            case io.jrpcx.jsonrpc.Notification n -> n.args().node();
            case io.jrpcx.jsonrpc.Response r -> r.result().isContainerNode() ? r.result()
                    : Json.factory().arrayNode().add(r.result());
            default -> Json.factory().nullNode();
        };
    }

    private static List<byte[]> corpusMessages() throws IOException {
        List<byte[]> messages = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                FastRequestTest.class.getResourceAsStream("/jsonrpc/corpus-messages.jsonl")), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode entry = CORPUS_READER.readTree(line);
                if ("v2".equals(entry.path("protocol").asText())) {
                    messages.add(Base64.getDecoder().decode(entry.get("b64").asText()));
                }
            }
        }
        return messages;
    }
}
