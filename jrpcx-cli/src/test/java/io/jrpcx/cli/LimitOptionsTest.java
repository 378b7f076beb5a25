package io.jrpcx.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jrpcx.session.JsonRpcOptions;
import io.jrpcx.session.RpcServer;
import io.jrpcx.session.SessionOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code jrpcx serve}'s limit flags become the library's options; without flags, the library's defaults. */
class LimitOptionsTest {
    private static ServeCommand parse(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return serve;
    }

    @Test
    void withoutFlagsTheDefaultsAreTheLibrarys() {
        SessionOptions options = parse("--tcp", "127.0.0.1:0").limits.sessionOptions();
        SessionOptions d = SessionOptions.defaults();
        assertThat(options.maxConcurrent()).isEqualTo(d.maxConcurrent());
        assertThat(options.maxBacklog()).isEqualTo(d.maxBacklog());
        assertThat(options.processingTimeout()).isEqualTo(d.processingTimeout());
        assertThat(options.maxSendDelay()).isEqualTo(d.maxSendDelay());
        assertThat(options.costSoftLimit()).isEqualTo(d.costSoftLimit());
        assertThat(options.costHardLimit()).isEqualTo(d.costHardLimit());
        assertThat(options.costDecayPerSecond()).isEqualTo(d.costDecayPerSecond());
        assertThat(options.costSleep()).isEqualTo(d.costSleep());
        assertThat(options.idleTimeout()).isZero();
        ServeCommand serve = parse("--tcp", "127.0.0.1:0");
        assertThat(serve.stats).isFalse();
        assertThat(serve.limits.maxBatch).isEqualTo(JsonRpcOptions.defaults().maxBatchLength());
    }

    @Test
    void flagsSetTheOptions() {
        ServeCommand serve = parse("--tcp", "127.0.0.1:0", "--stats", "--max-message-size", "5000",
                "--max-concurrent", "7", "--max-backlog", "70", "--processing-timeout", "1.5",
                "--cost-soft-limit", "100", "--cost-hard-limit", "900", "--cost-decay", "1", "--cost-sleep", "0.25",
                "--idle-timeout", "60", "--max-send-delay", "3", "--max-pending", "9", "--error-cost", "5",
                "--max-batch", "10", "--max-connections", "3", "--max-connections-per-address", "2");
        SessionOptions options = serve.limits.sessionOptions();
        assertThat(serve.stats).isTrue();
        assertThat(options.maxConcurrent()).isEqualTo(7);
        assertThat(options.maxBacklog()).isEqualTo(70);
        assertThat(options.processingTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(options.costSoftLimit()).isEqualTo(100);
        assertThat(options.costHardLimit()).isEqualTo(900);
        assertThat(options.costDecayPerSecond()).isEqualTo(1);
        assertThat(options.costSleep()).isEqualTo(Duration.ofMillis(250));
        assertThat(options.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.maxSendDelay()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.maxPendingRequests()).isEqualTo(9);
        assertThat(options.errorCost()).isEqualTo(5);
        assertThat(serve.limits.maxBatch).isEqualTo(10);
        serve.limits.apply(RpcServer.builder(), JsonRpcOptions.defaults());   // every value accepted
    }

    @Test
    void anOutOfRangeValueIsRefusedNamingIt() {
        assertThatThrownBy(() -> parse("--tcp", "127.0.0.1:0", "--idle-timeout", "-1").limits.sessionOptions())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--idle-timeout");
        assertThatThrownBy(() -> parse("--tcp", "127.0.0.1:0", "--max-connections", "0").limits
                .apply(RpcServer.builder(), JsonRpcOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
