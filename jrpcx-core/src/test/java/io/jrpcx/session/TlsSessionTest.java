package io.jrpcx.session;

import io.jrpcx.transport.TestCertificates;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The session suite over TLS on loopback: a test CA's certificate for localhost, verified by the client. */
class TlsSessionTest extends SessionTestSuite {
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
    protected RpcServer.Builder configure(RpcServer.Builder builder) {
        return builder.tls(certs.server("server"));
    }

    @Override
    protected RpcClient.Builder configure(RpcClient.Builder builder) {
        return builder.tls(certs.client());
    }
}
