package io.jrpcx.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.internal.json.Json;
import io.jrpcx.jsonrpc.Arguments;
import io.jrpcx.jsonrpc.RpcError;
import io.jrpcx.session.ConnectionLostException;
import io.jrpcx.session.RpcClient;
import io.jrpcx.session.RpcSession;
import io.jrpcx.transport.TransportException;
import java.io.PrintWriter;
import io.jrpcx.net.Service;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code jrpcx call URL METHOD [ARG...]}: sends one request and prints its result as JSON. */
@Command(name = "call", mixinStandardHelpOptions = true,
        description = {"Send one request and print its result as JSON.",
                "Exit codes: 0 result, 1 error response, 2 bad usage, 3 connection failure."})
final class CallCommand extends RpcCommand {
    @Parameters(index = "0", paramLabel = "URL", converter = Urls.Target.class,
            description = "Server address: tcp://HOST:PORT (or HOST:PORT), tls://, ws://HOST:PORT/PATH, wss://, unix:///PATH")
    @Nullable Service url;

    @picocli.CommandLine.Mixin
    ProxyOption proxy = new ProxyOption();

    @Parameters(index = "1", paramLabel = "METHOD", description = "Method name")
    String method = "";

    @Parameters(index = "2..*", paramLabel = "ARG",
            description = "Positional arguments: each a JSON value; a word that is not JSON is a string")
    List<String> args = new ArrayList<>();

    @picocli.CommandLine.Mixin
    TlsClientOption tls = new TlsClientOption();

    @Option(names = "--named", paramLabel = "JSON", description = "Named arguments as a JSON object, e.g. '{\"message\": \"hi\"}'")
    @Nullable String named;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10", description = "Connect timeout (default: ${DEFAULT-VALUE})")
    double timeout = 10;

    @Override
    int run(PrintWriter out, PrintWriter err) {
        Arguments arguments = arguments();
        RpcClient client = proxy.apply(RpcClient.builder())
                .rpcOptions(protocol.rpcOptions())
                .handler(new InteropService())
                .connectTimeout(Duration.ofMillis((long) (timeout * 1000)))
                .tls(tls.options())
                .build();
        Service address = java.util.Objects.requireNonNull(url, "url");
        RpcSession session;
        try {
            session = client.connect(address);
        } catch (TransportException e) {
            return fail(err, "jrpcx call: " + e.getMessage(), Main.EXIT_CONNECTION);
        }
        try (session) {
            JsonNode result = session.request(method, arguments);
            out.println(Json.mapper().writeValueAsString(result));
            out.flush();
            return 0;
        } catch (RpcError e) {
            // the error's data, such as a throttle signal {"retry_after": 1.5, "cost": 8123, "hard_limit": 10000}
            return fail(err, "error " + e.code() + ": " + e.message()
                    + (e.data() == null ? "" : " " + e.data()), Main.EXIT_ERROR);
        } catch (ConnectionLostException e) {
            return fail(err, "jrpcx call: connection to " + (address.isUnix() ? address.path() : address.address())
                    + " closed before a response arrived", Main.EXIT_CONNECTION);
        } catch (TransportException e) {
            return fail(err, "jrpcx call: " + e.getMessage(), Main.EXIT_CONNECTION);
        } catch (JsonProcessingException e) {
            return fail(err, "jrpcx call: cannot print the result: " + e.getOriginalMessage(), Main.EXIT_ERROR);
        }
    }

    private Arguments arguments() {
        if (named != null) {
            if (!args.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "give positional ARGs or --named, not both");
            }
            JsonNode object = parseJson(named);
            if (object == null || !object.isObject()) {
                throw new ParameterException(spec.commandLine(), "--named must be a JSON object, e.g. '{\"message\": \"hi\"}'");
            }
            return new Arguments(object);
        }
        List<Object> values = new ArrayList<>(args.size());
        for (String arg : args) {
            JsonNode value = parseJson(arg);
            values.add(value != null ? value : Json.factory().textNode(arg));
        }
        return Arguments.of(values.toArray());
    }

    /** The JSON value {@code text} holds, or null when it is not exactly one JSON value. */
    static @Nullable JsonNode parseJson(String text) {
        try {
            JsonNode node = Json.mapper().readTree(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
