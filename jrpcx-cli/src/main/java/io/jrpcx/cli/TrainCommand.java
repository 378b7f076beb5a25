package io.jrpcx.cli;

import io.jrpcx.jsonrpc.JsonRpc;
import io.jrpcx.session.RpcServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jrpcx train}, hidden: the training run for the JDK's ahead-of-time cache. It does in one process
 * what the commands do, so that the classes they load (and, on JDK 25, the methods they run hot) are in
 * the cache: a server with the interop methods, {@code call} through its usual paths, a short load as
 * {@code serve --warmup} puts, then it closes. The launcher runs it with {@code -XX:AOTCacheOutput} once per
 * build and JDK for each of its caches: with the short commands' JVM options and half a second of load
 * for {@code call}, with the JVM's defaults and 3 s of load (whose method profiles the cache keeps) for
 * {@code serve}.
 *
 * <pre>{@code
 * java -XX:AOTCacheOutput=jrpcx.aot -jar jrpcx-cli-all.jar train
 * }</pre>
 */
@Command(name = "train", hidden = true, description = "Training run for the JVM's ahead-of-time cache.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--load", paramLabel = "SECONDS", defaultValue = "1",
            description = "How long to run the warm-up load (default: ${DEFAULT-VALUE})")
    double load = 1;

    @Override
    public Integer call() throws Exception {
        InteropService service = new InteropService();
        RpcServer server = RpcServer.builder().listen("tcp://127.0.0.1:0").handler(service)
                .onOpen(service::opened).onClose(service::closed).start();
        try {
            String url = server.services().get(0).toString();
            Writer sink = new StringWriter();
            String[][] runs = {
                    {"--version"},
                    {"call", url, "echo", "hello"},
                    {"call", "--pretty", url, "sum", "1", "2.5"},
                    {"call", "-d", "{\"message\": \"hi\"}", url, "echo"},
                    {"call", url, "fail", "5", "boom"},
                    {"call", url, "call_me_back", "echo", "[1]"},
                    {"call", url, "echo", "{bad"},
                    {"call", "--help"},
            };
            for (String[] args : runs) {
                CommandLine cl = Main.commandLine(args);
                cl.setOut(new PrintWriter(sink));
                cl.setErr(new PrintWriter(sink));
                cl.execute(args);
            }
            if (load > 0) {
                Warmup.run(server.services().get(0), JsonRpc.V2, Duration.ofMillis((long) (load * 1000)));
            }
        } finally {
            server.close(Duration.ofSeconds(1));
        }
        return 0;
    }
}
