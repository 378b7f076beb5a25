package io.jrpcx.cli.bench;

import io.jrpcx.session.SessionOptions;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * What a load run does: how many connections, how many requests each keeps in flight, for how long,
 * with which method, and how many idle connections to hold open meanwhile.
 *
 * <pre>{@code
 * LoadConfig config = new LoadConfig(address, 4, 16, Duration.ofSeconds(5), 1, "echo", 0, SessionOptions.defaults());
 * }</pre>
 */
public record LoadConfig(InetSocketAddress address, int connections, int depth, Duration duration, int batch,
                         String method, int idle, SessionOptions options) {
    public LoadConfig {
        if (connections < 1 || depth < 1 || batch < 1 || idle < 0) {
            throw new IllegalArgumentException("connections, depth and batch must be at least 1, idle at least 0");
        }
    }
}
