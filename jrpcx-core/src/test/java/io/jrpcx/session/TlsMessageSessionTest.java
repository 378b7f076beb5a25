package io.jrpcx.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jrpcx.framing.BinaryMessage;
import io.jrpcx.transport.TestCertificates;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The message-session suite over TLS on loopback: the same sessions, over another transport; and a
 * message server reloading its certificate.
 */
class TlsMessageSessionTest extends MessageSessionSuite {
    @TempDir
    static Path dir;
    static TestCertificates certs;

    @BeforeAll
    static void certificates() {
        certs = TestCertificates.in(dir);
    }

    @Test
    void theServerReloadsItsCertificateForNewConnections() throws InterruptedException {
        certs.installLive("other");
        BlockingQueue<BinaryMessage> replies = new LinkedBlockingQueue<>();
        MessageClient client = MessageClient.builder().tls(certs.client())
                .handler((session, message) -> replies.add(message)).build();
        try (MessageServer server = MessageServer.builder().listen(listenUrl()).tls(certs.live())
                .handler((session, message) -> session.sendMessage("pong", message.payload())).start()) {
            String url = "tls://localhost:" + server.services().get(0).port();
            assertThatThrownBy(() -> client.connect(url)).hasMessageContaining("does not match the host name");
            certs.installLive("server");
            server.reloadCertificates();
            try (MessageSession session = client.connect(url)) {
                session.sendMessage("ping", new byte[] {7});
                BinaryMessage reply = replies.poll(20, TimeUnit.SECONDS);
                assertThat(reply).isNotNull();
                assertThat(reply.command()).isEqualTo("pong");
            }
        }
    }

    @Override
    protected String listenUrl() {
        return "tls://localhost:0";
    }

    @Override
    protected MessageServer.Builder configure(MessageServer.Builder builder) {
        return builder.tls(certs.server("server"));
    }

    @Override
    protected MessageClient.Builder configure(MessageClient.Builder builder) {
        return builder.tls(certs.client());
    }
}
