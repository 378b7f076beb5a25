package io.jrpcx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jrpcx.net.Service;
import io.jrpcx.transport.TestCertificates;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jrpcx serve} as its own process with every kind of listener at once: each is called by
 * {@code jrpcx call} and by aiorpcX's client; SIGHUP reloads the certificate; SIGTERM closes
 * gracefully, removes the Unix socket file and exits 0.
 */
@Timeout(180)
class ServeEveryListenerTest {
    @TempDir
    Path dir;

    @Test
    void everyListenerServesAndSigtermExitsCleanly() throws Exception {
        TestCertificates certs = TestCertificates.in(dir);
        Path chain = dir.resolve("live.pem");
        Path key = dir.resolve("live.key");
        Files.copy(certs.chain("other"), chain);
        Files.copy(certs.key("other"), key);
        Path socket = dir.resolve("serve.sock");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process serve = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--tcp", "127.0.0.1:0", "--tls", "127.0.0.1:0", "--ws", "127.0.0.1:0", "--ws-path", "/rpc",
                "--wss", "127.0.0.1:0", "--http", "127.0.0.1:0", "--https", "127.0.0.1:0", "--unix", socket.toString(), "--cert", chain.toString(), "--key", key.toString(),
                "--warmup", "0").start();
        BlockingQueue<String> out = lines(serve.getInputStream());
        BlockingQueue<String> err = lines(serve.getErrorStream());
        try {
            List<Service> services = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                String line = out.poll(60, TimeUnit.SECONDS);
                assertThat(line).as("listening line; stderr %s", err).startsWith("listening ");
                services.add(Service.parse(line.substring("listening ".length())));
            }
            assertThat(services).extracting(Service::protocol).containsExactly("tcp", "tls", "ws", "wss", "http", "https", "unix");
            assertThat(services.get(2).webSocketPath()).contains("/rpc");
            assertThat(services.get(4).urlPath()).contains("/");
            assertThat(services.get(6).path()).isEqualTo(socket.toString());

            // the first certificate names another host: TLS clients refuse it, until SIGHUP loads the right one
            CliTest.Run refused = CliTest.run("call", "--cacert", certs.ca().toString(), services.get(1).toString(), "echo", "x");
            assertThat(refused.exit()).isEqualTo(Main.EXIT_CONNECTION);
            assertThat(refused.err()).contains("TLS handshake failed: certificate does not match the host name");
            Files.copy(certs.chain("server"), chain, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(certs.key("server"), key, StandardCopyOption.REPLACE_EXISTING);
            assertThat(new ProcessBuilder("kill", "-HUP", Long.toString(serve.pid())).start().waitFor()).isZero();
            String reloaded;
            do {
                reloaded = err.poll(30, TimeUnit.SECONDS);
            } while (reloaded != null && !reloaded.contains("reloaded the TLS certificate"));
            assertThat(reloaded).isNotNull();

            for (Service service : services) {
                CliTest.Run call = CliTest.run("call", "--cacert", certs.ca().toString(), service.toString(), "echo", service.protocol());
                assertThat(call.exit()).as("%s: %s", service, call.err()).isZero();
                assertThat(call.out().trim()).isEqualTo("\"" + service.protocol() + "\"");
                if (service.isHttp()) {
                    // aiorpcX has no HTTP client; a WebSocket upgrade on the same port (on --ws-path) is a WebSocket session
                    String ws = service.toString().replaceFirst("^http", "ws").replaceFirst("/$", "/rpc");
                    CliTest.Run upgraded = CliTest.run("call", "--cacert", certs.ca().toString(), ws, "call_me_back", "echo", "up");
                    assertThat(upgraded.out().trim()).as("%s: %s", ws, upgraded.err()).isEqualTo("\"up\"");
                    continue;
                }
                try (PythonPeer client = PythonPeer.client(service, "v2", List.of("--cafile", certs.ca().toString()))) {
                    List<String> transcript = client.awaitOutput(Duration.ofSeconds(60));
                    assertThat(client.exitValue()).as("%s: %s", service, client.stderr()).isZero();
                    assertThat(transcript).first().isEqualTo("{\"step\": \"echo\", \"result\": \"hello\"}");
                    assertThat(transcript).contains("{\"step\": \"call_me_back\", \"result\": \"hello jrpcx\"}")
                            .last().isEqualTo("{\"step\": \"done\"}");
                }
            }
            CliTest.Run insecure = CliTest.run("call", "--insecure", services.get(3).toString(), "sum", "1", "2");
            assertThat(insecure.out().trim()).isEqualTo("3");

            serve.destroy();   // SIGTERM
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(serve.exitValue()).as("stderr %s", err).isZero();
            assertThat(socket).doesNotExist();
        } finally {
            serve.destroyForcibly();
        }
    }

    @Test
    void mutualTlsFromTheCommandLine() throws Exception {
        TestCertificates certs = TestCertificates.in(dir);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process serve = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--tls", "127.0.0.1:0", "--cert", certs.chain("server").toString(),
                "--key", certs.key("server").toString(), "--client-ca", certs.ca().toString(), "--warmup", "1").start();
        BlockingQueue<String> out = lines(serve.getInputStream());
        BlockingQueue<String> err = lines(serve.getErrorStream());
        try {
            String line = out.poll(60, TimeUnit.SECONDS);
            assertThat(line).as("stderr %s", err).startsWith("listening tls://");
            String url = line.substring("listening ".length());
            String ca = certs.ca().toString();
            CliTest.Run withCert = CliTest.run("call", "--cacert", ca, "--client-cert", certs.chain("client").toString(),
                    "--client-key", certs.key("client").toString(), url, "echo", "mutual");
            assertThat(withCert.out().trim()).as(withCert.err()).isEqualTo("\"mutual\"");
            CliTest.Run without = CliTest.run("call", "--cacert", ca, url, "echo", "anonymous");
            assertThat(without.exit()).isEqualTo(Main.EXIT_CONNECTION);
            CliTest.Run half = CliTest.run("call", "--client-cert", ca, url, "echo", "x");
            assertThat(half.exit()).isEqualTo(2);
            assertThat(half.err()).contains("--client-cert and --client-key go together");
            serve.destroy();
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(serve.exitValue()).isZero();
        } finally {
            serve.destroyForcibly();
        }
    }

    private static BlockingQueue<String> lines(java.io.InputStream in) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        return lines;
    }
}
