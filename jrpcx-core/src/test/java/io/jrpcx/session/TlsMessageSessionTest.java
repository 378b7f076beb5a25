package io.jrpcx.session;

import io.jrpcx.transport.TestCertificates;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The message-session suite over TLS on loopback: the same sessions, over another transport. */
class TlsMessageSessionTest extends MessageSessionSuite {
    @TempDir
    static Path dir;
    static TestCertificates certs;

    @BeforeAll
    static void certificates() {
        certs = TestCertificates.in(dir);
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
