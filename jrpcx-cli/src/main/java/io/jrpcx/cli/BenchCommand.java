package io.jrpcx.cli;

import io.jrpcx.cli.bench.LoadConfig;
import io.jrpcx.cli.bench.LoadReport;
import io.jrpcx.cli.bench.LoadRunner;
import io.jrpcx.transport.TransportException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code jrpcx bench URL}: pipelined load against a server, with a latency summary. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Load a server with pipelined requests and print throughput and latency.",
                "Exit codes: 0 all answered, 1 some requests failed (the reasons on stderr), 2 bad usage,"
                        + " 3 connection failure."})
final class BenchCommand extends RpcCommand {
    @Parameters(index = "0", paramLabel = "URL", converter = Urls.Target.class,
            description = "Server address: tcp://HOST:PORT, tls://, ws://HOST:PORT/PATH, wss://, http://HOST:PORT/PATH, https://, unix:///PATH")
    io.jrpcx.net.@org.jspecify.annotations.Nullable Service url;

    @picocli.CommandLine.Mixin
    ProxyOption proxy = new ProxyOption();

    @picocli.CommandLine.Mixin
    TlsClientOption tls = new TlsClientOption();

    @picocli.CommandLine.Mixin
    HttpClientOption http = new HttpClientOption();

    @Option(names = "--connections", defaultValue = "4", description = "Connections sending load (default: ${DEFAULT-VALUE})")
    int connections = 4;

    @Option(names = "--depth", defaultValue = "16", description = "Requests in flight per connection (default: ${DEFAULT-VALUE})")
    int depth = 16;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "5", description = "How long to run (default: ${DEFAULT-VALUE})")
    double duration = 5;

    @Option(names = "--batch", defaultValue = "1", description = "Requests per batch; 1 sends single requests (default: ${DEFAULT-VALUE})")
    int batch = 1;

    @Option(names = "--method", defaultValue = "echo", description = "Method called with one string argument (default: ${DEFAULT-VALUE})")
    String method = "echo";

    @Option(names = "--idle", defaultValue = "0", description = "Idle connections held open meanwhile (default: ${DEFAULT-VALUE})")
    int idle = 0;

    @Option(names = "--json", description = "Print the summary as one JSON object")
    boolean json;

    @Override
    int run(PrintWriter out, PrintWriter err) throws InterruptedException {
        BenchChecks.options(spec.commandLine(), connections, depth, batch, idle, duration);
        LoadConfig config = new LoadConfig(java.util.Objects.requireNonNull(url, "url"), connections, depth, Duration.ofMillis((long) (duration * 1000)),
                batch, method, idle, proxy.apply(io.jrpcx.session.RpcClient.builder()).tls(tls.options()).http(http.options())
                        .rpcOptions(protocol.rpcOptions()).build());
        boolean live = !json && BenchChecks.stderrIsTerminal();
        LoadReport report;
        LoadRunner runner = new LoadRunner(config);
        try {
            report = runner.run(progress -> {
                if (live) {
                    err.print("\r" + progress + "   ");
                    err.flush();
                }
            });
        } catch (TransportException | IllegalStateException e) {
            if (live) {
                err.println();
            }
            return fail(err, "jrpcx bench: " + BenchChecks.describe(e, connections, idle), Main.EXIT_CONNECTION);
        }
        if (live) {
            err.println();
            err.flush();
        }
        out.print(json ? report.toJson().toPrettyString() + System.lineSeparator() : report.summary());
        runner.throttleSignal().ifPresent(signal -> (json ? err : out).println("throttled by the server: " + signal));
        out.flush();
        if (report.errors() > 0) {
            return fail(err, "jrpcx bench: " + report.errors() + " of " + (report.requests() + report.errors())
                    + " requests failed: " + BenchChecks.reasons(report.reasons()), Main.EXIT_ERROR);
        }
        return 0;
    }
}
