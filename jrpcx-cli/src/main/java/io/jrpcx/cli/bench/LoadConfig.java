package io.jrpcx.cli.bench;

import io.jrpcx.net.Service;
import io.jrpcx.session.RpcClient;
import java.time.Duration;

/**
 * What a load run does: how many connections, how many requests each keeps in flight, for how long,
 * with which method, and how many idle connections to hold open meanwhile.
 *
 * <pre>{@code
 * LoadConfig config = new LoadConfig(Service.parse("tcp://127.0.0.1:8000"), 4, 16, Duration.ofSeconds(5), 1, "echo", 0,
 *         RpcClient.builder().build());
 * }</pre>
 */
public record LoadConfig(Service address, int connections, int depth, Duration duration, int batch,
                         String method, int idle, RpcClient client) {
    public LoadConfig {
        if (connections < 1 || depth < 1 || batch < 1 || idle < 0) {
            throw new IllegalArgumentException("connections, depth and batch must be at least 1, idle at least 0");
        }
    }
}
