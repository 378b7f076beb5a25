package io.jrpcx.cli;

import io.jrpcx.net.AddressException;
import io.jrpcx.net.NetAddress;
import io.jrpcx.socks.SocksDetector;
import io.jrpcx.socks.SocksProtocol;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jrpcx proxy-detect HOST:PORT [HOST:PORT...] [--probe HOST:PORT] [--all] [--timeout S]}:
 * which SOCKS protocol answers at each address, trying SOCKS5, then SOCKS4a, then SOCKS4.
 *
 * <pre>{@code
 * int exit = Main.run("proxy-detect", "127.0.0.1:1080", "--all");   // prints "socks5 socks4a socks4"
 * }</pre>
 */
@Command(name = "proxy-detect", mixinStandardHelpOptions = true,
        description = {"Detect a SOCKS proxy at each address: print the first protocol that answers, trying "
                + "socks5, then socks4a, then socks4, or 'none'; with --all, every protocol that answers. "
                + "A refusal from the proxy counts as an answer, except a socks4a refusal from a server that "
                + "grants socks4 the same destination. With several addresses each line starts "
                + "with its address.",
                "Exit codes: 0 a proxy was found, 1 none was, 2 bad usage."})
final class ProxyDetectCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "HOST:PORT", description = "Where to look for a proxy")
    List<String> addresses = new ArrayList<>();

    @Option(names = "--probe", paramLabel = "HOST:PORT",
            description = "Destination the proxy is asked to connect to (default: a listener of this command's "
                    + "own on 127.0.0.1)")
    @Nullable String probe;

    @Option(names = "--all", description = "Print every protocol that answers, not only the first")
    boolean all;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "Time each protocol may take (default: ${DEFAULT-VALUE})")
    double timeout = 5;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        List<NetAddress> targets = new ArrayList<>();
        for (String a : addresses) {
            targets.add(address(a, "HOST:PORT"));
        }
        if (!(timeout > 0) || timeout > 3600) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be more than 0 and at most 3600 seconds");
        }
        SocksDetector.Builder b = SocksDetector.builder().timeout(Duration.ofNanos((long) (timeout * 1e9)));
        if (probe != null) {
            b.probe(address(probe, "--probe"));
        }
        SocksDetector detector = b.build();
        boolean found = false;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<SocksProtocol>>> results = new ArrayList<>();
            for (NetAddress target : targets) {
                results.add(pool.submit(() -> all ? detector.detectAll(target)
                        : detector.detectAt(target).map(p -> List.of(p.protocol())).orElse(List.of())));
            }
            for (int i = 0; i < targets.size(); i++) {
                List<SocksProtocol> protocols = results.get(i).get();
                found |= !protocols.isEmpty();
                StringBuilder line = new StringBuilder();
                if (targets.size() > 1) {
                    line.append(targets.get(i)).append(' ');
                }
                line.append(protocols.isEmpty() ? "none"
                        : String.join(" ", protocols.stream().map(SocksProtocol::displayName).toList()));
                out.println(line);
                out.flush();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("detection failed: " + e.getCause(), e.getCause());
        }
        return found ? 0 : Main.EXIT_ERROR;
    }

    private NetAddress address(String text, String what) {
        try {
            return NetAddress.parse(text);
        } catch (AddressException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), what + " '" + text + "': " + e.getMessage());
        }
    }
}
