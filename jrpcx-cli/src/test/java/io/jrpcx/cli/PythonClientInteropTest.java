package io.jrpcx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reference library's client (a Python script) against the jrpcx interop server: requests, named
 * arguments, errors, a batch, a notification and server-to-client requests. Its transcript must be
 * the one it prints against the reference server.
 */
class PythonClientInteropTest {

    @ParameterizedTest
    @ValueSource(strings = {"v2", "loose", "auto"})
    void referenceClientGetsTheSameAnswersFromJrpcx(String protocol) throws Exception {
        List<String> expected;
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/aiorpcx-client-transcript.jsonl"))) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        try (JavaServer server = new JavaServer(protocol);
             PythonPeer client = PythonPeer.client(server.address(), protocol.equals("auto") ? "v2" : protocol)) {
            List<String> transcript = client.awaitOutput(Duration.ofSeconds(60));
            assertThat(client.exitValue()).as("client exit code; stderr: %s", client.stderr()).isZero();
            assertThat(transcript).containsExactlyElementsOf(expected);
        }
    }
}
