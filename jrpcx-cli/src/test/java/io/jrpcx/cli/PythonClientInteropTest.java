package io.jrpcx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reference library's client (a Python script) against the jrpcx interop server: requests, named
 * arguments, errors, a batch, a notification and server-to-client requests. Its transcript must be
 * the one it prints against the reference server, over TCP, TLS, WebSocket (plain and TLS) and Unix sockets.
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

    @ParameterizedTest
    @ValueSource(strings = {"tls", "ws", "wss", "unix"})
    void referenceClientGetsTheSameAnswersOverEveryTransport(String transport, @TempDir Path dir) throws Exception {
        InteropTransport t = InteropTransport.of(transport, dir);
        List<String> tcp;
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/aiorpcx-client-transcript.jsonl"))) {
            tcp = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        // what the reference client prints against the reference server over the same transport
        List<String> expected;
        try (PythonPeer server = PythonPeer.server("v2", t.pythonServerArgs())) {
            io.jrpcx.net.Service reference = server.awaitService(Duration.ofSeconds(30));
            try (PythonPeer client = PythonPeer.client(reference, "v2", t.pythonClientArgs())) {
                expected = client.awaitOutput(Duration.ofSeconds(60));
                assertThat(client.exitValue()).as("client exit code; stderr: %s", client.stderr()).isZero();
            }
        }
        // the same as over TCP, but for aiorpcX's WebSocket client, which never notices the server's close
        assertThat(expected).hasSameSizeAs(tcp);
        for (int i = 0; i < tcp.size(); i++) {
            if (!tcp.get(i).startsWith("{\"step\": \"closed\"") || !transport.startsWith("ws")) {
                assertThat(expected.get(i)).isEqualTo(tcp.get(i));
            }
        }
        try (JavaServer server = new JavaServer("v2", t.listenUrl(), t.serverTls());
             PythonPeer client = PythonPeer.client(server.service(), "v2", t.pythonClientArgs())) {
            List<String> transcript = client.awaitOutput(Duration.ofSeconds(60));
            assertThat(client.exitValue()).as("client exit code; stderr: %s", client.stderr()).isZero();
            assertThat(transcript).containsExactlyElementsOf(expected);
        }
    }
}
