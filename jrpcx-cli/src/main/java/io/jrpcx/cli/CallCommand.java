package io.jrpcx.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.internal.json.Json;
import io.jrpcx.jsonrpc.RpcError;
import io.jrpcx.session.CallRefusedException;
import io.jrpcx.session.ConnectionLostException;
import io.jrpcx.session.RequestTimeoutException;
import io.jrpcx.session.RpcClient;
import io.jrpcx.session.RpcSession;
import io.jrpcx.transport.TransportException;
import java.io.PrintWriter;
import io.jrpcx.net.Service;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code jrpcx call URL METHOD [ARG...]}: sends one request and prints its result as JSON.
 *
 * <pre>{@code
 * jrpcx call tcp://127.0.0.1:8000 echo '"hi"'
 * jrpcx call -v --max-time 5 tcp://127.0.0.1:8000 -d @request.json
 * }</pre>
 */
@Command(name = "call", mixinStandardHelpOptions = true,
        description = {"Send one request and print its result as JSON.",
                "Exit codes: 0 result, 1 error response, 2 bad usage, 3 connection failure, 4 timeout,"
                        + " 5 a reply that is not JSON-RPC or too large."})
final class CallCommand extends RpcCommand {
    @Parameters(index = "0", paramLabel = "URL", converter = Urls.Target.class,
            description = "Server address: tcp://HOST:PORT (or HOST:PORT), tls://, ws://HOST:PORT/PATH, wss://, unix:///PATH")
    @Nullable Service url;

    @picocli.CommandLine.Mixin
    ProxyOption proxy = new ProxyOption();

    @Parameters(index = "1", arity = "0..1", paramLabel = "METHOD",
            description = "Method name (not needed when -d holds a whole request)")
    @Nullable String method;

    @Parameters(index = "2..*", paramLabel = "ARG",
            description = "Positional arguments: each a JSON value; a word that is not JSON is a string,"
                    + " but one that starts with { [ or \" must be valid JSON")
    List<String> args = new ArrayList<>();

    @picocli.CommandLine.Mixin
    TlsClientOption tls = new TlsClientOption();

    @Option(names = "--named", paramLabel = "JSON", description = "Named arguments as a JSON object, e.g. '{\"message\": \"hi\"}'")
    @Nullable String named;

    @Option(names = {"-d", "--data"}, paramLabel = "DATA",
            description = "Arguments (a JSON array or object) or a whole request (an object with \"method\"):"
                    + " the JSON itself, @FILE, or @- for stdin")
    @Nullable String data;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10", converter = Seconds.Converter.class,
            description = "Connect timeout (default: ${DEFAULT-VALUE})")
    Duration timeout = Duration.ofSeconds(10);

    @Option(names = "--max-time", paramLabel = "SECONDS", defaultValue = "30", converter = Seconds.Converter.class,
            description = "Time limit for the whole call, connecting included; exit code 4 when it runs out"
                    + " (default: ${DEFAULT-VALUE})")
    Duration maxTime = Duration.ofSeconds(30);

    @Option(names = {"-v", "--verbose"}, description = "Print every message sent (> ) and received (< ) on stderr")
    boolean verbose;

    @Option(names = "--pretty", description = "Print the result indented")
    boolean pretty;

    @Override
    int run(PrintWriter out, PrintWriter err) {
        try (OneShotLoop loop = new OneShotLoop()) {
            return run(out, err, loop);
        } finally {
            StartupTrace.mark("event loop stopped");
        }
    }

    private int run(PrintWriter out, PrintWriter err, OneShotLoop loop) {
        StartupTrace.mark("parsed");
        CallInput input;
        try {
            input = CallInput.of(method, args, named, data, System.in);
        } catch (CallInput.Usage e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        long deadline = System.nanoTime() + maxTime.toNanos();
        CallWatch watch = new CallWatch(err, verbose, protocol.protocol() == io.jrpcx.jsonrpc.JsonRpc.V2,
                protocol.protocol() == io.jrpcx.jsonrpc.JsonRpc.V1);
        RpcClient client = proxy.apply(RpcClient.builder())
                .rpcOptions(protocol.rpcOptions())
                .handler(new InteropService())
                .listener(watch)
                .connectTimeout(timeout.compareTo(maxTime) < 0 ? timeout : maxTime)
                .tls(tls.options())
                .eventLoops(loop.group())
                .build();
        Service address = java.util.Objects.requireNonNull(url, "url");
        RpcSession session;
        try {
            StartupTrace.mark("client built");
            session = client.connect(address);
            StartupTrace.mark("connected");
        } catch (TransportException e) {
            if (System.nanoTime() - deadline >= 0) {
                return fail(err, "jrpcx call: no connection to " + address + " within --max-time "
                        + Seconds.describe(maxTime), Main.EXIT_TIMEOUT);
            }
            return fail(err, "jrpcx call: " + e.getMessage(), Main.EXIT_CONNECTION);
        }
        try (session) {
            Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
            CompletableFuture<JsonNode> call = session.requestAsync(input.method(), input.arguments(), left);
            CompletableFuture.anyOf(call, watch.trouble()).join();
            if (!call.isDone()) {
                call.cancel(false);
                return fail(err, "jrpcx call: " + watch.trouble().join(), Main.EXIT_BAD_REPLY);
            }
            JsonNode result = call.join();
            StartupTrace.mark("answered");
            out.println(pretty ? Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result)
                    : Json.mapper().writeValueAsString(result));
            out.flush();
            return 0;
        } catch (CompletionException e) {
            return failed(err, address, input.method(), e.getCause(), watch);
        } catch (JsonProcessingException e) {
            return fail(err, "jrpcx call: cannot print the result: " + e.getOriginalMessage(), Main.EXIT_ERROR);
        }
    }

    private int failed(PrintWriter err, Service address, String called, Throwable cause, CallWatch watch) {
        if (watch.trouble().isDone()) {
            return fail(err, "jrpcx call: " + watch.trouble().join(), Main.EXIT_BAD_REPLY);
        }
        if (cause instanceof RpcError e) {
            String line = "error " + e.code() + ": " + e.message();
            if (e.data() != null) {
                line += " (data: " + e.data() + ")";
            }
            if (e.message().contains("not \"2.0\"")) {
                line += "\nhint: the peer speaks another JSON-RPC version: try --protocol auto";
            }
            return fail(err, line, Main.EXIT_ERROR);
        }
        if (cause instanceof RequestTimeoutException) {
            return fail(err, "jrpcx call: no response to '" + called + "' from " + address + " within --max-time "
                    + Seconds.describe(maxTime), Main.EXIT_TIMEOUT);
        }
        if (cause instanceof ConnectionLostException) {
            return fail(err, "jrpcx call: connection to " + (address.isUnix() ? address.path() : address.address())
                    + " closed before a response arrived", Main.EXIT_CONNECTION);
        }
        if (cause instanceof CallRefusedException) {
            return fail(err, "jrpcx call: " + cause.getMessage(), Main.EXIT_USAGE);
        }
        return fail(err, "jrpcx call: " + cause, Main.EXIT_CONNECTION);
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
