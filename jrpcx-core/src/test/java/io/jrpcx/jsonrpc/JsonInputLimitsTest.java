package io.jrpcx.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.internal.json.Json;
import io.jrpcx.internal.jsonrpc.FastRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The limits on parsed input ({@link Json}): each at N and N+1, refused with a parse error saying which
 * limit; inputs built to be slow (colliding member-name hashes, huge exponents) are handled in time
 * linear in their length and always with the same outcome.
 */
class JsonInputLimitsTest {
    /**
     * Far above what any of these inputs needs (milliseconds once compiled, about a second cold on a
     * busy machine); an input costing superlinear time takes minutes.
     */
    private static final Duration FAST = Duration.ofSeconds(15);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String echo(String params) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":" + params + ",\"id\":1}";
    }

    private static Request request(String message) {
        return (Request) ((Decoded.Single) JsonRpc.V2.messageToItem(b(message))).item();
    }

    private static ProtocolError refused(String message) {
        return refused(b(message));
    }

    private static ProtocolError refused(byte[] message) {
        try {
            JsonRpc.V2.messageToItem(message);
        } catch (ProtocolError e) {
            assertThat(e.code()).isEqualTo(JsonRpc.PARSE_ERROR);
            assertThat(e.responseId()).isEqualTo(RequestId.nullId());
            return e;
        }
        throw new AssertionError("accepted");
    }

    /** Runs {@code r} and checks it took less than {@link #FAST}. */
    private static void fast(Runnable r) {
        long start = System.nanoTime();
        r.run();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
    }

    @Test
    void numbersUpToTheLengthLimit() {
        String longest = "7".repeat(Json.MAX_NUMBER_LENGTH);
        assertThat(request(echo("[" + longest + "]")).args().node().get(0).bigIntegerValue().toString()).isEqualTo(longest);
        assertThat(request(echo("[[" + longest + "]]")).args().node().get(0).get(0).isIntegralNumber()).isTrue();
        assertThat(refused(echo("[" + longest + "7]")).message()).isEqualTo("number longer than 1000 characters");
        assertThat(refused(echo("[[" + longest + "7]]")).message()).isEqualTo("number longer than 1000 characters");
    }

    @Test
    void stringsUpToTheLengthLimit() {
        String longest = "s".repeat(Json.MAX_STRING_LENGTH);
        assertThat(request(echo("[\"" + longest + "\"]")).args().node().get(0).textValue()).hasSize(1_000_000);
        assertThat(refused(echo("[\"" + longest + "s\"]")).message()).isEqualTo("string longer than 1000000 characters");
        assertThat(refused(echo("[[\"" + longest + "s\"]]")).message()).isEqualTo("string longer than 1000000 characters");
    }

    @Test
    void memberNamesUpToTheLengthLimit() {
        String longest = "n".repeat(Json.MAX_NAME_LENGTH);
        assertThat(request(echo("{\"" + longest + "\":1}")).args().node().has(longest)).isTrue();
        assertThat(request(echo("[{\"" + longest + "\":1}]")).args().node().get(0).has(longest)).isTrue();
        assertThat(refused(echo("{\"" + longest + "n\":1}")).message()).isEqualTo("member name longer than 65536 characters");
        assertThat(refused(echo("[{\"" + longest + "n\":1}]")).message()).isEqualTo("member name longer than 65536 characters");
    }

    @Test
    void messagesUpToTheLengthLimit() {
        byte[] request = b(echo("[\"x\"]"));
        byte[] longest = new byte[Json.MAX_DOCUMENT_LENGTH];
        Arrays.fill(longest, (byte) ' ');
        System.arraycopy(request, 0, longest, 0, request.length);
        assertThat(((Decoded.Single) JsonRpc.V2.messageToItem(longest)).item()).isInstanceOf(Request.class);
        byte[] over = Arrays.copyOf(longest, longest.length + 1);
        over[over.length - 1] = ' ';
        assertThat(refused(over).message()).isEqualTo("message longer than 16000000 bytes");
    }

    @Test
    void decimalsKeepTheirExponentUpToTheLimitAndAreSentBackExactly() {
        Request r = request(echo("[1e1000, -1e-1000, 12.5e-998, [1E+1000]]"));
        JsonNode args = r.args().node();
        assertThat(args.get(0).decimalValue()).isEqualByComparingTo(BigDecimal.ONE.scaleByPowerOfTen(1000));
        assertThat(new String(JsonRpc.V2.responseMessage(args, RequestId.of(1)), StandardCharsets.UTF_8))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":[1E+1000,-1E-1000,1.25E-997,[1E+1000]],\"id\":1}");
        for (String number : List.of("1e1001", "1e-1001", "1e999999999", "-1e999999999", "1e-999999999",
                "100000000000000000000e999999990", "0.000e-2147483647", "1.5E+2147483647")) {
            fast(() -> {
                for (String params : List.of("[" + number + "]", "[[" + number + "]]", "{\"n\":" + number + "}")) {
                    assertThat(refused(echo(params)).message()).as(number)
                            .isEqualTo("number out of range (exponent beyond 1000)");
                }
                assertThat(refused("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[],\"id\":" + number + "}")
                        .message()).isEqualTo("number out of range (exponent beyond 1000)");
            });
        }
    }

    @Test
    void aConnectionAnswersAHugeExponentWithAParseErrorAndGoesOn() {
        JsonRpcConnection conn = new JsonRpcConnection(JsonRpc.V2);
        JsonRpcConnection.Received r = conn.receiveMessage(b(echo("[1e999999999]")));
        assertThat(r.incoming()).isEmpty();
        assertThat(new String(r.replies().get(0), StandardCharsets.UTF_8)).isEqualTo("{\"jsonrpc\":\"2.0\",\"error\":"
                + "{\"code\":-32700,\"message\":\"number out of range (exponent beyond 1000)\"},\"id\":null}");
        JsonRpcConnection.Incoming in = conn.receiveMessage(b(echo("[1e400]"))).incoming().get(0);
        assertThat(new String(in.complete(in.item() instanceof Request q ? q.args().node().get(0) : null),
                StandardCharsets.UTF_8)).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":1E+400,\"id\":1}");
    }

    // ---- member names whose hashes collide ----

    /** Jackson's quads of a name: 4 bytes each, big-endian, the last one padded as its parser pads it. */
    private static int[] quads(byte[] name) {
        int[] q = new int[(name.length + 3) / 4];
        for (int i = 0; i < name.length; i++) {
            q[i / 4] = (q[i / 4] << 8) | (name[i] & 0xff);
        }
        int tail = name.length % 4;
        if (tail != 0) {
            q[q.length - 1] |= -1 << (tail * 8);
        }
        return q;
    }

    /**
     * {@code count} distinct names of 30 digits whose hashes in Jackson's name table are equal for every
     * seed: the names share their first 12 bytes (the only ones mixed with the seed) and their last 2, and
     * the 16 digits between are two pairs of 4-digit groups, each pair from a set of pairs whose sum in
     * the hash is the same.
     */
    static List<String> collidingNames(int count) {
        Map<Integer, List<String>> pairsBySum = new HashMap<>();
        for (int a = 0; a < 1000; a++) {
            for (int c = 0; c < 1000; c++) {
                String pair = String.format("%04d%04d", a, c);
                int[] q = quads(pair.getBytes(StandardCharsets.US_ASCII));
                int sum = (q[0] ^ (q[0] >> 21)) + (q[1] ^ (q[1] >> 21));
                pairsBySum.computeIfAbsent(sum, k -> new ArrayList<>()).add(pair);
            }
        }
        List<String> pairs = pairsBySum.values().stream().max((x, y) -> Integer.compare(x.size(), y.size())).orElseThrow();
        List<String> names = new ArrayList<>(count);
        for (int i = 0; names.size() < count; i++) {
            names.add("000000000000" + pairs.get(i / pairs.size()) + pairs.get(i % pairs.size()) + "01");
        }
        return names;
    }

    private static String objectOf(List<String> names) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < names.size(); i++) {
            sb.append(i > 0 ? "," : "").append('"').append(names.get(i)).append("\":").append(i);
        }
        return sb.append('}').toString();
    }

    @Test
    void theNamesCollide() {
        List<String> names = collidingNames(28_000);
        assertThat(new HashSet<>(names)).hasSize(28_000);
        assertThat(names.get(0)).hasSize(30).containsOnlyDigits();
        for (int i = 0; i < 3; i++) {
            ByteQuadsCanonicalizer table = ByteQuadsCanonicalizer.createRoot().makeChild(0);
            Set<Integer> hashes = new HashSet<>();
            for (String name : names) {
                int[] q = quads(name.getBytes(StandardCharsets.US_ASCII));
                hashes.add(table.calcHash(q, q.length));
            }
            assertThat(hashes).as("seed %s", table.hashSeed()).hasSize(1);
        }
    }

    @Test
    void anObjectOfManyCollidingNamesIsAcceptedEveryTime() {
        List<String> names = collidingNames(28_000);
        String object = objectOf(names);
        // positional (an object inside the array: the general path) and named (the token-stream fast
        // path reads the names, and whatever its name table does, the outcome is the general path's)
        for (int round = 0; round < 5; round++) {
            fast(() -> {
                JsonNode positional = request(echo("[" + object + "]")).args().node().get(0);
                assertThat(positional.size()).isEqualTo(28_000);
                assertThat(positional.get(names.get(27_999)).intValue()).isEqualTo(27_999);
                JsonNode named = request(echo(object)).args().node();
                assertThat(named.size()).isEqualTo(28_000);
                assertThat(named.get(names.get(12_345)).intValue()).isEqualTo(12_345);
            });
        }
        JsonRpcConnection conn = new JsonRpcConnection(JsonRpc.AUTO);
        JsonRpcConnection.Incoming in = conn.receiveMessage(b(echo("[" + object + "]"))).incoming().get(0);
        assertThat(((Request) in.item()).args().node().get(0).size()).isEqualTo(28_000);
    }

    @Test
    void collidingNamesNeverPushTheFastPathAside() {
        // the fast path keeps no name table: names whose hashes collide are read like any others
        List<String> names = collidingNames(64 * 100);
        assertThat(FastRequest.tryParse(b(echo(objectOf(names.subList(0, 65)))))).isNull();   // over 64 members
        for (int m = 0; m < 100; m++) {
            String attack = objectOf(names.subList(64 * m, 64 * m + 64));
            Decoded.Single d = FastRequest.tryParse(b(echo(attack)));
            assertThat(d).isNotNull();
            assertThat(((Request) d.item()).args().node().size()).isEqualTo(64);
            assertThat(request(echo(attack)).args().node().size()).isEqualTo(64);
        }
    }

    /**
     * A message of the largest size: an object of many distinct names (which would grow a name table to
     * its largest), then objects repeating {@code names} to the end.
     */
    private static byte[] largestMessageOf(List<String> names) {
        StringBuilder sb = new StringBuilder("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[{");
        for (int i = 0; i < 40_000; i++) {
            sb.append(i > 0 ? "," : "").append("\"d").append(Integer.toString(i, 36)).append("x\":0");
        }
        sb.append('}');
        String repeated = "," + objectOf(names);
        while (sb.length() + repeated.length() + 20 < Json.MAX_DOCUMENT_LENGTH) {
            sb.append(repeated);
        }
        return b(sb.append("],\"id\":1}").toString());
    }

    private static long parseMillis(byte[] message) {
        long start = System.nanoTime();
        assertThat(((Decoded.Single) JsonRpc.V2.messageToItem(message)).item()).isInstanceOf(Request.class);
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void collidingNamesCostNoMoreThanOthers() {
        // with a shared name table (Jackson's default) the colliding message takes some 40 times longer
        byte[] colliding = largestMessageOf(collidingNames(7000));
        List<String> plain = new ArrayList<>();
        for (int i = 0; i < 7000; i++) {
            plain.add(String.format("%030d", 1_000_003L * i));
        }
        byte[] ordinary = largestMessageOf(plain);
        parseMillis(ordinary);
        parseMillis(colliding);
        long ordinaryMillis = Math.min(parseMillis(ordinary), parseMillis(ordinary));
        long collidingMillis = Math.min(parseMillis(colliding), parseMillis(colliding));
        assertThat(collidingMillis).as("ordinary %s ms", ordinaryMillis).isLessThan(4 * ordinaryMillis + 300);
    }

    @Test
    void deepNestingIsRefusedFast() {
        fast(() -> assertThat(refused("[".repeat(1_000_000)).message()).isEqualTo("invalid JSON"));
    }
}
