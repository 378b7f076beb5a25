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
 * {@code jrpcx call URL METHOD [ARG...]}: sends one request and prints its result as JSON. With
 * {@code --stdio 'COMMAND ARGS'} instead of a URL, it starts the command as a child process and speaks to
 * it over its stdin and stdout (Content-Length framing, as language servers do, or newline); the command
 * is split into words without a shell (see {@link CommandWords}).
 *
 * <pre>{@code
 * jrpcx call tcp://127.0.0.1:8000 echo '"hi"'
 * jrpcx call -v --max-time 5 tcp://127.0.0.1:8000 -d @request.json
 * jrpcx call --stdio 'python3 -m pylsp' initialize --named '{"processId": null, "rootUri": null, "capabilities": {}}'
 * }</pre>
 */
@Command(name = "call", mixinStandardHelpOptions = true,
        description = {"Send one request and print its result as JSON.",
                "Exit codes: 0 result, 1 error response, 2 bad usage, 3 connection failure, 4 timeout,"
                        + " 5 a reply that is not JSON-RPC or too large."})
final class CallCommand extends RpcCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "URL",
            description = "Server address: tcp://HOST:PORT (or HOST:PORT), tls://, ws://HOST:PORT/PATH, wss://,"
                    + " http://HOST:PORT/PATH, https://, unix:///PATH (none with --stdio)")
    @Nullable String target;

    @Option(names = "--stdio", paramLabel = "COMMAND",
            description = "Instead of a URL: start COMMAND (one argument, split into words at whitespace,"
                    + " with '...' and \"...\" quoting, no shell) and call it over its stdin and stdout;"
                    + " its stderr is copied to stderr")
    @Nullable String stdio;

    @Option(names = "--stdio-framing", paramLabel = "FRAMING", defaultValue = "content-length",
            description = "Framing with --stdio: content-length (LSP's, the default) or newline")
    String stdioFraming = "content-length";

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

    @picocli.CommandLine.Mixin
    HttpClientOption http = new HttpClientOption();

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
        String method = this.method;
        List<String> args = this.args;
        Service url = null;
        List<String> command = null;
        io.jrpcx.framing.Framing framing = null;
        if (stdio != null) {
            // no URL: the positionals start with the method
            if (target != null) {
                args = new ArrayList<>(args);
                if (method != null) {
                    args.addFirst(method);
                }
                method = target;
            }
            try {
                command = CommandWords.split(stdio);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--stdio: " + e.getMessage());
            }
            framing = switch (stdioFraming) {
                case "content-length" -> io.jrpcx.framing.Framing.contentLength();
                case "newline" -> io.jrpcx.framing.Framing.newline();
                default -> throw new ParameterException(spec.commandLine(),
                        "--stdio-framing must be content-length or newline: '" + stdioFraming + "'");
            };
        } else if (target == null) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'URL' (or --stdio COMMAND)");
        } else {
            try {
                url = new Urls.Target().convert(target);
            } catch (picocli.CommandLine.TypeConversionException e) {
                throw new ParameterException(spec.commandLine(),
                        "Invalid value for positional parameter at index 0 (URL): " + e.getMessage());
            }
        }
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
                .http(http.options())
                .eventLoops(loop.group())
                .build();
        Service address = url;
        String peer = address == null ? "'" + stdio + "'" : address.toString();
        RpcSession session;
        try {
            StartupTrace.mark("client built");
            if (command != null) {
                String name = command.getFirst();
                session = client.connectProcess(new ProcessBuilder(command), io.jrpcx.transport.StdioOptions.builder()
                        .framing(java.util.Objects.requireNonNull(framing))
                        .stderr(line -> {
                            err.println(name + ": " + line);
                            err.flush();
                        })
                        .build());
            } else {
                session = client.connect(java.util.Objects.requireNonNull(address));
            }
            StartupTrace.mark("connected");
        } catch (TransportException e) {
            if (System.nanoTime() - deadline >= 0) {
                return fail(err, "jrpcx call: no connection to " + peer + " within --max-time "
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
            return failed(err, peer, address, input.method(), e.getCause(), watch);
        } catch (JsonProcessingException e) {
            return fail(err, "jrpcx call: cannot print the result: " + e.getOriginalMessage(), Main.EXIT_ERROR);
        }
    }

    private int failed(PrintWriter err, String peer, @Nullable Service address, String called, Throwable cause, CallWatch watch) {
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
            return fail(err, "jrpcx call: no response to '" + called + "' from " + peer + " within --max-time "
                    + Seconds.describe(maxTime), Main.EXIT_TIMEOUT);
        }
        if (cause instanceof ConnectionLostException && address == null) {
            Throwable why = cause.getCause();
            return fail(err, "jrpcx call: " + peer + " ended before a response arrived"
                    + (why == null ? "" : ": " + why.getMessage()), Main.EXIT_CONNECTION);
        }
        if (cause instanceof ConnectionLostException && address != null) {
            String why = address.isHttp() ? httpStatus(cause) : null;
            return fail(err, "jrpcx call: connection to " + (address.isUnix() ? address.path() : address.address())
                    + " closed before a response arrived" + (why == null ? "" : ": " + why), Main.EXIT_CONNECTION);
        }
        if (cause instanceof CallRefusedException) {
            return fail(err, "jrpcx call: " + cause.getMessage(), Main.EXIT_USAGE);
        }
        return fail(err, "jrpcx call: " + cause, Main.EXIT_CONNECTION);
    }

    /** The HTTP status that failed the connection ({@code HTTP 401 Unauthorized}), if one did. */
    private static @Nullable String httpStatus(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith("HTTP ")) {
                return t.getMessage();
            }
        }
        return null;
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
