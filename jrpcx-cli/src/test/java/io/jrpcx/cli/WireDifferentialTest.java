package io.jrpcx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jrpcx.cli.WireExchange.End;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sends every message of the wire corpus, raw, to the jrpcx interop server and to the reference
 * server (the reference library's implementation of the same methods), for each protocol, and
 * compares what comes back: results, error codes, ids, messages, and whether the connection is kept.
 * Where the reference breaks the specification (non-JSON numbers, silence on deep nesting), jrpcx
 * must instead answer valid JSON with an error and keep the connection. Differences listed in
 * {@code wire-known-differences.txt} are reported but do not fail; every difference is written to
 * {@code target/wire-differences-PROTOCOL.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WireDifferentialTest {
    private static final List<String> PROTOCOLS = List.of("v2", "loose", "auto", "v1");
    /** How long the reference gets before it counts as silent (it is, on deep nesting). */
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** jrpcx is never meant to be silent: this bound only matters when it is, or the machine is slow. */
    private static final Duration JRPCX_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration GRACE = Duration.ofMillis(300);

    private final Map<String, PythonPeer> reference = new HashMap<>();
    private final Map<String, InetSocketAddress> referenceAddress = new HashMap<>();
    private final Map<String, JavaServer> jrpcx = new HashMap<>();
    private List<WireCorpus.Case> cases = List.of();
    private final Set<String> known = new HashSet<>();

    @BeforeAll
    void start() throws Exception {
        cases = WireCorpus.load("/wire-corpus.txt");
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/wire-known-differences.txt"))) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    known.add(line);
                }
            }
        }
        for (String protocol : PROTOCOLS) {
            reference.put(protocol, PythonPeer.server(protocol));
            jrpcx.put(protocol, new JavaServer(protocol));
        }
        for (String protocol : PROTOCOLS) {
            referenceAddress.put(protocol, reference.get(protocol).awaitListening(Duration.ofSeconds(30)));
        }
    }

    @AfterAll
    void stop() throws InterruptedException {
        for (PythonPeer peer : reference.values()) {
            peer.close();
        }
        jrpcx.values().forEach(JavaServer::close);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v2", "loose", "auto", "v1"})
    void answersLikeTheReference(String protocol) throws IOException {
        assertThat(cases).hasSizeGreaterThan(100);
        StringBuilder report = new StringBuilder();
        List<String> unexpected = new ArrayList<>();
        int differences = 0;
        for (WireCorpus.Case c : cases) {
            // the reference answers in order, except for handlers that sleep: give those a moment
            WireExchange ref = WireExchange.run(referenceAddress.get(protocol), c.bytes(), TIMEOUT,
                    c.slow() ? GRACE : Duration.ZERO, Integer.MAX_VALUE);
            // jrpcx may answer the (inline) sentinel first: wait for as many lines as the reference sent
            WireExchange got = WireExchange.run(jrpcx.get(protocol).address(), c.bytes(), JRPCX_TIMEOUT,
                    JRPCX_TIMEOUT, ref.lines().size());
            String why = difference(ref, got);
            if (why == null) {
                continue;
            }
            differences++;
            boolean isKnown = known.contains(protocol + " " + c.label()) || known.contains("* " + c.label());
            String entry = "[" + protocol + "] " + c.label() + (isKnown ? "   (known)" : "") + "\n"
                    + "    reference " + ref.end() + ": " + ref.lines() + "\n"
                    + "    jrpcx     " + got.end() + ": " + got.lines() + "\n"
                    + "    " + why + "\n";
            report.append(entry);
            if (!isKnown) {
                unexpected.add(entry);
            }
        }
        Path out = Path.of("target", "wire-differences-" + protocol + ".txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, cases.size() + " messages, " + differences + " differences\n\n" + report);
        assertThat(unexpected).as("differences from the reference (all in %s):%n%s", out, String.join("\n", unexpected))
                .isEmpty();
    }

    /** Why the two exchanges differ, or null when jrpcx answered as it should. */
    static @Nullable String difference(WireExchange ref, WireExchange got) {
        List<JsonNode> gotNodes = new ArrayList<>();
        for (String line : got.lines()) {
            JsonNode node = WireExchange.parse(line, WireExchange.STRICT);
            if (node == null) {
                return "jrpcx sent a line that is not valid JSON";
            }
            gotNodes.add(node);
        }
        if (ref.end() == End.SILENT) {
            if (got.end() != End.SENTINEL) {
                return "the reference went silent; jrpcx must answer and keep the connection, but ended " + got.end();
            }
            return gotNodes.stream().anyMatch(WireDifferentialTest::hasError) ? null
                    : "the reference went silent; jrpcx must answer with an error response";
        }
        if (ref.end() != got.end()) {
            return "the exchange ended differently";
        }
        if (ref.lines().size() != got.lines().size()) {
            return "a different number of responses";
        }
        List<String> refStrict = new ArrayList<>();
        List<String> refMessages = new ArrayList<>();
        List<JsonNode> refNonJson = new ArrayList<>();
        for (String line : ref.lines()) {
            JsonNode node = WireExchange.parse(line, WireExchange.STRICT);
            if (node == null) {
                JsonNode lenient = WireExchange.parse(line, WireExchange.LENIENT);
                if (lenient == null) {
                    return "the reference sent something unreadable";
                }
                refNonJson.add(lenient);
            } else {
                refStrict.add(canonical(node, false));
                refMessages.add(canonical(node, true));
            }
        }
        List<String> gotStrict = new ArrayList<>();
        List<String> gotMessages = new ArrayList<>();
        List<JsonNode> gotRest = new ArrayList<>(gotNodes);
        // Responses answering the reference's non-JSON ones: valid JSON, an error response with the
        // same id or a parse error (or, when only the id was out of range, the same result).
        for (JsonNode bad : refNonJson) {
            JsonNode match = null;
            for (JsonNode candidate : gotRest) {
                if (canonical(candidate.path("id"), true).equals(canonical(bad.path("id"), true))) {
                    match = candidate;
                    break;
                }
            }
            if (match == null) {
                // the message itself was not strict JSON: a parse error (id null) is the answer
                match = gotRest.stream().filter(n -> n.path("id").isNull() && hasError(n)).findFirst().orElse(null);
            }
            if (match == null) {
                return "no response with the id of the reference's non-JSON response, nor a parse error";
            }
            gotRest.remove(match);
            boolean onlyIdOutOfRange = bad.has("result") && isFinite(bad.get("result")) && !isFinite(bad.path("id"));
            if (!hasError(match) && !(onlyIdOutOfRange && canonical(match, true).equals(canonical(bad, true)))) {
                return "the reference sent non-JSON; jrpcx must send an error response instead";
            }
        }
        for (JsonNode node : gotRest) {
            gotStrict.add(canonical(node, false));
            gotMessages.add(canonical(node, true));
        }
        refStrict.sort(null);
        gotStrict.sort(null);
        if (!refStrict.equals(gotStrict)) {
            return "results, error codes or ids differ";
        }
        refMessages.sort(null);
        gotMessages.sort(null);
        if (!refMessages.equals(gotMessages)) {
            return "error messages differ";
        }
        return null;
    }

    private static boolean hasError(JsonNode response) {
        if (response.isArray()) {
            for (JsonNode item : response) {
                if (hasError(item)) {
                    return true;
                }
            }
            return false;
        }
        return response.isObject() && response.path("error").isObject();
    }

    private static boolean isFinite(JsonNode node) {
        if (node.isNumber()) {
            return node.isIntegralNumber() || Double.isFinite(node.doubleValue());
        }
        for (JsonNode child : node) {
            if (!isFinite(child)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A canonical text of a response (or a batch of them), equal for values a Python program would
     * call equal: numbers by value, object members in any order, batch responses in any order; error
     * messages left out unless {@code withMessages}.
     */
    static String canonical(JsonNode node, boolean withMessages) {
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : node) {
                items.add(canonical(item, withMessages));
            }
            items.sort(null);
            return "[" + String.join(",", items) + "]";
        }
        if (!withMessages && node.isObject() && node.path("error").isObject()) {
            ObjectNode copy = node.deepCopy();
            ((ObjectNode) copy.get("error")).remove("message");
            return value(copy);
        }
        return value(node);
    }

    private static String value(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, String> members = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                members.put(e.getKey(), value(e.getValue()));
            }
            StringBuilder sb = new StringBuilder("{");
            members.forEach((k, v) -> sb.append(WireExchange.STRICT.getNodeFactory().textNode(k)).append(':').append(v).append(','));
            return sb.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            node.forEach(item -> sb.append(value(item)).append(','));
            return sb.append(']').toString();
        }
        if (node.isNumber()) {
            BigDecimal exact;
            if (node.isIntegralNumber()) {
                exact = new BigDecimal(node.bigIntegerValue());
            } else {
                double d = node.isBigDecimal() ? node.decimalValue().doubleValue() : node.doubleValue();
                if (Double.isNaN(d)) {
                    return "nan";
                }
                if (Double.isInfinite(d)) {
                    return d > 0 ? "inf" : "-inf";
                }
                exact = new BigDecimal(d);
            }
            return exact.signum() == 0 ? "0" : exact.stripTrailingZeros().toPlainString();
        }
        return node.toString();
    }
}
