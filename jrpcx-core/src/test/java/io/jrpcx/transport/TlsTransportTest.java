package io.jrpcx.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jrpcx.jsonrpc.MethodTable;
import io.jrpcx.jsonrpc.Signature;
import io.jrpcx.session.RpcClient;
import io.jrpcx.session.RpcHandler;
import io.jrpcx.session.RpcServer;
import io.jrpcx.session.RpcSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS against real peers on loopback: jrpcx against itself, {@code openssl s_client} and
 * {@code openssl s_server}, and Python's {@code ssl} module; certificates made by {@code openssl}.
 */
@Timeout(120)
class TlsTransportTest {
    @TempDir
    static Path dir;
    static TestCertificates certs;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    @BeforeAll
    static void certificates() {
        certs = TestCertificates.in(dir);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        for (Process p : processes) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private RpcServer server(TlsOptions tls) {
        RpcServer server = RpcServer.builder().listen("tls://127.0.0.1:0").tls(tls)
                .handler(RpcHandler.of(MethodTable.builder(RpcSession.class)
                        .method("echo", Signature.of("message"), (s, p) -> p.get(0)).build()))
                .handshakeTimeout(Duration.ofSeconds(5))
                .start();
        toClose.add(() -> server.close(Duration.ZERO));
        return server;
    }

    private RpcSession connect(String url, TlsOptions tls) {
        RpcSession session = RpcClient.builder().tls(tls).handshakeTimeout(Duration.ofSeconds(5)).build().connect(url);
        toClose.add(session);
        return session;
    }

    private static String url(RpcServer server, String host) {
        return "tls://" + host + ":" + server.services().get(0).port();
    }

    @Test
    void aClientTrustingTheCaTalksToTheServerByNameAndByAddress() {
        RpcServer server = server(certs.server("server"));
        assertThat(connect(url(server, "localhost"), certs.client()).request("echo", "hi").asText()).isEqualTo("hi");
        assertThat(connect(url(server, "127.0.0.1"), certs.client()).request("echo", "ip").asText()).isEqualTo("ip");
    }

    @Test
    void aWrongHostNameIsRefusedInOneLine() {
        RpcServer server = server(certs.server("other"));
        String url = url(server, "localhost");
        assertThatThrownBy(() -> connect(url, certs.client()))
                .isInstanceOf(TransportException.class)
                .hasMessageStartingWith("cannot connect to localhost:" + server.services().get(0).port()
                        + ": TLS handshake failed: certificate does not match the host name")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void anExpiredCertificateIsRefused() {
        RpcServer server = server(certs.server("expired"));
        assertThatThrownBy(() -> connect(url(server, "localhost"), certs.client()))
                .hasMessage("cannot connect to localhost:" + server.services().get(0).port()
                        + ": TLS handshake failed: certificate expired");
    }

    @Test
    void anUntrustedIssuerIsRefusedByDefault() {
        RpcServer server = server(certs.server("self"));
        assertThatThrownBy(() -> connect(url(server, "localhost"), TlsOptions.defaults()))
                .hasMessageEndingWith(": TLS handshake failed: certificate not trusted (unknown issuer)");
    }

    @Test
    void aPinnedCertificateIsAcceptedAndAnotherIsNot() {
        RpcServer self = server(certs.server("self"));
        TlsOptions pinned = TlsOptions.builder().pinnedCertificate(certs.fingerprint("self")).build();
        assertThat(connect(url(self, "127.0.0.1"), pinned).request("echo", "pinned").asText()).isEqualTo("pinned");
        RpcServer other = server(certs.server("server"));
        assertThatThrownBy(() -> connect(url(other, "localhost"), pinned))
                .hasMessageContaining("TLS handshake failed: certificate not pinned (SHA-256 ");
    }

    @Test
    void theUnsafeModeAcceptsAnything() {
        RpcServer server = server(certs.server("expired"));
        TlsOptions unsafe = TlsOptions.builder().unsafeTrustAnyCertificate(true).build();
        assertThat(connect(url(server, "localhost"), unsafe).request("echo", 1).asInt()).isEqualTo(1);
    }

    @Test
    void mutualTlsRefusesAClientWithoutACertificate() {
        RpcServer server = server(certs.server("server").toBuilder()
                .clientAuth(TlsOptions.ClientAuth.REQUIRE).trustedCertificates(certs.ca()).build());
        TlsOptions withCert = certs.client().toBuilder().certificate(certs.chain("client"), certs.key("client")).build();
        assertThat(connect(url(server, "localhost"), withCert).request("echo", "m").asText()).isEqualTo("m");
        assertThatThrownBy(() -> {
            RpcSession s = connect(url(server, "localhost"), certs.client());
            s.request("echo", "no");   // TLS 1.3: the refusal may come after the client's handshake
        }).satisfies(e -> assertThat(e.getMessage()).containsAnyOf("certificate required", "connection", "closed"));
    }

    @Test
    void theServerReloadsItsCertificateWithoutARestart() throws IOException {
        certs.installLive("other");
        RpcServer server = server(certs.live());
        String url = url(server, "localhost");
        assertThatThrownBy(() -> connect(url, certs.client())).hasMessageContaining("does not match the host name");
        certs.installLive("server");
        server.reloadCertificates();
        assertThat(connect(url, certs.client()).request("echo", "new").asText()).isEqualTo("new");
        Files.writeString(certs.key("live"), "not a key");
        assertThatThrownBy(server::reloadCertificates).isInstanceOf(TransportException.class);
        assertThat(connect(url, certs.client()).request("echo", "kept").asText()).isEqualTo("kept");
    }

    @Test
    void aServerWithoutACertificateDoesNotStart() {
        assertThatThrownBy(() -> RpcServer.builder().listen("tls://127.0.0.1:0").start())
                .isInstanceOf(TransportException.class)
                .hasMessage("cannot listen on 127.0.0.1:0: a TLS server needs a certificate chain and key");
    }

    @Test
    void aPeerThatNeverHandshakesIsClosedAtTheDeadline() throws IOException {
        RpcServer server = RpcServer.builder().listen("tls://127.0.0.1:0").tls(certs.server("server"))
                .handshakeTimeout(Duration.ofMillis(300)).start();
        toClose.add(() -> server.close(Duration.ZERO));
        try (Socket silent = new Socket(InetAddress.getLoopbackAddress(), server.services().get(0).port())) {
            silent.setSoTimeout(20_000);
            assertThat(silent.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void opensslClientsHandshakeAndOldVersionsAreRefused() throws Exception {
        RpcServer server = server(certs.server("server"));
        int port = server.services().get(0).port();
        Process client = start("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-CAfile", certs.ca().toString(),
                "-verify_hostname", "localhost", "-verify_return_error", "-quiet");
        try (OutputStream in = client.getOutputStream();
             BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
            in.write("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[\"openssl\"]}\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            assertThat(out.readLine()).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":\"openssl\",\"id\":1}");
        }
        Process old = start("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-tls1_1", "-CAfile", certs.ca().toString());
        old.getOutputStream().close();
        assertThat(old.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(old.exitValue()).isNotZero();
    }

    @Test
    void opensslServersAreCheckedAsAnyOther() throws Exception {
        for (String name : List.of("server", "expired", "other")) {
            int port = freePort();
            Process server = start("openssl", "s_server", "-accept", "127.0.0.1:" + port, "-cert", certs.chain(name).toString(),
                    "-key", certs.key(name).toString());
            String url = "tls://localhost:" + port;
            awaitAccepting(server);
            if (name.equals("server")) {
                RpcSession session = connect(url, certs.client());
                assertThat(session.isOpen()).isTrue();
                session.close();
            } else {
                assertThatThrownBy(() -> connect(url, certs.client()))
                        .hasMessageContaining(name.equals("expired") ? "certificate expired" : "does not match the host name");
            }
            server.destroy();
        }
    }

    @Test
    void pythonsSslModuleVerifiesTheServer() throws Exception {
        RpcServer server = server(certs.server("server"));
        String script = """
                import socket, ssl, sys
                ctx = ssl.create_default_context(cafile=sys.argv[1])
                with socket.create_connection(('127.0.0.1', int(sys.argv[2]))) as raw:
                    with ctx.wrap_socket(raw, server_hostname='localhost') as s:
                        s.sendall(b'{"jsonrpc":"2.0","id":7,"method":"echo","params":["py"]}\\n')
                        print(s.version(), s.makefile().readline().strip())
                try:
                    with socket.create_connection(('127.0.0.1', int(sys.argv[2]))) as raw:
                        ctx.wrap_socket(raw, server_hostname='wrong.example')
                    print('accepted')
                except ssl.SSLCertVerificationError as e:
                    print('refused', e.verify_message)
                """;
        Process p = start("/usr/bin/python3", "-c", script, certs.ca().toString(), String.valueOf(server.services().get(0).port()));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out.lines()).containsExactly("TLSv1.3 {\"jsonrpc\":\"2.0\",\"result\":\"py\",\"id\":7}",
                "refused Hostname mismatch, certificate is not valid for 'wrong.example'.");
    }

    @Test
    void theClientSendsTheHostNameAsSniToAPythonServer() throws Exception {
        String script = """
                import json, socket, ssl, sys
                ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
                ctx.load_cert_chain(sys.argv[1], sys.argv[2])
                names = []
                ctx.sni_callback = lambda sock, name, c: names.append(name)
                with socket.create_server(('127.0.0.1', 0)) as server:
                    print(server.getsockname()[1], flush=True)
                    raw, _ = server.accept()
                    with ctx.wrap_socket(raw, server_side=True) as s:
                        request = json.loads(s.makefile().readline())
                        answer = {'jsonrpc': '2.0', 'id': request['id'], 'result': 'sni ' + str(names[0])}
                        s.sendall(json.dumps(answer).encode() + b'\\n')
                """;
        Process p = start("/usr/bin/python3", "-c", script, certs.chain("server").toString(), certs.key("server").toString());
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String port = out.readLine();
        RpcSession session = connect("tls://localhost:" + port, certs.client());
        assertThat(session.request("anything").asText()).isEqualTo("sni localhost");
    }

    private Process start(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(!command[0].equals("openssl") || command.length < 2
                || !command[1].equals("s_client") ? true : false).start();
        processes.add(p);
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Waits for {@code openssl s_server} to print that it accepts connections. */
    private static void awaitAccepting(Process server) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.equals("ACCEPT")) {
                return;
            }
        }
        throw new AssertionError("openssl s_server did not start");
    }
}
