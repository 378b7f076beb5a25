package io.jrpcx.cli;

import io.jrpcx.framing.Framing;
import io.jrpcx.net.AddressGrouping;
import io.jrpcx.session.JsonRpcOptions;
import io.jrpcx.session.RpcServer;
import io.jrpcx.session.SessionOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The limits {@code jrpcx serve} puts on its peers, as options; each defaults to the library's default.
 *
 * <pre>{@code
 * @Mixin LimitOptions limits = new LimitOptions();
 * RpcServer.Builder b = limits.apply(RpcServer.builder(), JsonRpcOptions.defaults());
 * }</pre>
 */
final class LimitOptions {
    private static final SessionOptions D = SessionOptions.defaults();

    @Option(names = "--max-message-size", paramLabel = "BYTES",
            description = "Largest message read; a longer one is dropped and costed (default: 1000000).")
    int maxMessageSize = SessionOptions.DEFAULT_MAX_MESSAGE_SIZE;

    @Option(names = "--max-response-size", paramLabel = "BYTES",
            description = "Largest answer, a whole batch reply counted; a larger one becomes an error (default: 1000000).")
    int maxResponseSize = JsonRpcOptions.defaults().maxResponseSize();

    @Option(names = "--max-batch", paramLabel = "N",
            description = "Longest incoming batch; a longer one gets one -32600 error (default: 1000).")
    int maxBatch = JsonRpcOptions.defaults().maxBatchLength();

    @Option(names = "--max-connections", paramLabel = "N",
            description = "Most connections held at once; the next is closed as it is accepted (default: 10000).")
    int maxConnections = 10_000;

    @Option(names = "--max-connections-per-address", paramLabel = "N",
            description = "Most connections held from one address group (IPv4 /24, IPv6 /48; local addresses "
                    + "exempt unless --group-local) (default: 200).")
    int maxConnectionsPerAddress = 200;

    @Option(names = "--group-local", description = "Count loopback and private addresses in groups too, for the "
            + "per-address limit and the cost pools (default: each counts alone).")
    boolean groupLocal;

    @Option(names = "--ipv4-prefix", paramLabel = "BITS", description = "Bits of an IPv4 address naming its group (default: 24).")
    int ipv4Prefix = 24;

    @Option(names = "--ipv6-prefix", paramLabel = "BITS", description = "Bits of an IPv6 address naming its group (default: 48).")
    int ipv6Prefix = 48;

    @Option(names = "--no-cost-pools", description = "Give every session its own cost budget, even within an address group.")
    boolean noCostPools;

    @Option(names = "--max-concurrent", paramLabel = "N",
            description = "Requests of one session handled at once (default: 20).")
    int maxConcurrent = D.maxConcurrent();

    @Option(names = "--max-backlog", paramLabel = "N",
            description = "Requests of one session waiting for a handler before reading stops (default: 1000).")
    int maxBacklog = D.maxBacklog();

    @Option(names = "--max-backlog-bytes", paramLabel = "BYTES",
            description = "Bytes of messages one session's running and waiting requests may hold before reading stops (default: 4194304).")
    long maxBacklogBytes = D.maxBacklogBytes();

    @Option(names = "--max-pending", paramLabel = "N",
            description = "Server-to-client requests of one session awaiting answers; one more is refused (default: 10000).")
    int maxPending = D.maxPendingRequests();

    @Option(names = "--processing-timeout", paramLabel = "SECONDS",
            description = "Time a handler may take before it is interrupted and answered -102 (default: 30).")
    double processingTimeout = seconds(D.processingTimeout());

    @Option(names = "--max-send-delay", paramLabel = "SECONDS",
            description = "Time a peer may read nothing while answers wait before it is cut off (default: 20).")
    double maxSendDelay = seconds(D.maxSendDelay());

    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
            description = "Close a session that sends nothing and has no work this long (default: 0, never).")
    double idleTimeout;

    @Option(names = "--handshake-timeout", paramLabel = "SECONDS",
            description = "Time each negotiation (TLS, WebSocket) of an accepted connection may take (default: 10).")
    double handshakeTimeout = 10;

    @Option(names = "--cost-soft-limit", paramLabel = "COST",
            description = "Session cost past which requests are delayed and fewer run at once (default: 2000).")
    double costSoftLimit = D.costSoftLimit();

    @Option(names = "--cost-hard-limit", paramLabel = "COST",
            description = "Session cost at which requests are answered -101 and the session closes; 0 for none (default: 10000).")
    double costHardLimit = D.costHardLimit();

    @Option(names = "--cost-decay", paramLabel = "COST",
            description = "Cost forgiven each second (default: 2.78, 10000 an hour).")
    double costDecay = D.costDecayPerSecond();

    @Option(names = "--cost-sleep", paramLabel = "SECONDS",
            description = "Delay of a request at the hard limit, growing from 0 at the soft limit (default: 2).")
    double costSleep = seconds(D.costSleep());

    @Option(names = "--error-cost", paramLabel = "COST", description = "Base cost of an error (default: 100).")
    double errorCost = D.errorCost();

    @Option(names = "--io-cost", paramLabel = "COST",
            description = "Cost of a second of I/O-thread time spent on a message of 8 KB or more; 0 for none (default: 20000).")
    double ioCost = D.costPerIoSecond();

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }


    /** The session options these flags give. */
    SessionOptions sessionOptions() {
        return SessionOptions.builder()
                .framing(Framing.newline(maxMessageSize))
                .maxConcurrent(maxConcurrent)
                .maxBacklog(maxBacklog)
                .maxBacklogBytes(maxBacklogBytes)
                .maxPendingRequests(maxPending)
                .processingTimeout(Seconds.nonNegative(processingTimeout, "--processing-timeout"))
                .maxSendDelay(Seconds.nonNegative(maxSendDelay, "--max-send-delay"))
                .idleTimeout(Seconds.nonNegative(idleTimeout, "--idle-timeout"))
                .costSoftLimit(costSoftLimit)
                .costHardLimit(costHardLimit)
                .costDecayPerSecond(costDecay)
                .costSleep(Seconds.nonNegative(costSleep, "--cost-sleep"))
                .errorCost(errorCost)
                .costPerIoSecond(ioCost)
                .build();
    }

    /**
     * Sets the limits on {@code builder}, with {@code rpc}'s protocol.
     *
     * @throws IllegalArgumentException when a value is out of range (its message names it)
     */
    RpcServer.Builder apply(RpcServer.Builder builder, JsonRpcOptions rpc) {
        return builder.options(sessionOptions())
                .rpcOptions(rpc.toBuilder().maxResponseSize(maxResponseSize).maxBatchLength(maxBatch).build())
                .maxConnections(maxConnections)
                .maxConnectionsPerAddress(maxConnectionsPerAddress)
                .addressGrouping(AddressGrouping.builder().includeLocal(groupLocal)
                        .ipv4Prefix(ipv4Prefix).ipv6Prefix(ipv6Prefix).build())
                .costPools(!noCostPools)
                .handshakeTimeout(Seconds.nonNegative(handshakeTimeout, "--handshake-timeout"));
    }
}
