package io.jrpcx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jrpcx.socks.testing.RealProxy;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** {@code jrpcx call --proxy} and {@code bench --proxy}, in-process, through dante, microsocks and {@code ssh -D}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ProxyCallTest {
    private JavaServer server;
    private String url;
    private RealProxy dante;
    private RealProxy microsocks;
    private RealProxy ssh;

    @BeforeAll
    void start() throws IOException {
        server = new JavaServer("v2");
        url = "tcp://127.0.0.1:" + server.address().getPort();
        dante = RealProxy.dante(false);
        microsocks = RealProxy.microsocks(null);
        ssh = RealProxy.sshDynamic();
    }

    @AfterAll
    void stop() {
        ssh.close();
        microsocks.close();
        dante.close();
        server.close();
    }

    private static String proxy(String scheme, RealProxy p) {
        return scheme + "://" + p.address();
    }

    @Test
    void callsThroughEveryProxyWithEachSchemeItSpeaks() {
        String[][] cases = {
                {"socks4", "dante"}, {"socks5", "dante"}, {"socks5h", "dante"},
                {"socks5", "microsocks"}, {"socks5h", "microsocks"},
                {"socks4", "ssh"}, {"socks4a", "ssh"}, {"socks5", "ssh"}, {"socks5h", "ssh"}};
        for (String[] c : cases) {
            RealProxy p = switch (c[1]) {
                case "dante" -> dante;
                case "microsocks" -> microsocks;
                default -> ssh;
            };
            String target = c[0].endsWith("h") || c[0].equals("socks4a") ? url.replace("127.0.0.1", "localhost") : url;
            assertThat(CliTest.run("call", "--proxy", proxy(c[0], p), target, "echo", "via " + c[0]))
                    .as("%s through %s", c[0], c[1])
                    .isEqualTo(new CliTest.Run(0, "\"via " + c[0] + "\"\n", ""));
        }
        // the server calls the client back through the proxy too
        assertThat(CliTest.run("call", "--proxy", proxy("socks5h", microsocks), url, "call_me_back", "echo", "hi"))
                .isEqualTo(new CliTest.Run(0, "\"hi\"\n", ""));
    }

    @Test
    void aProtocolTheProxyDoesNotSpeakIsOneClearLineAndExitCode3() {
        CliTest.Run run = CliTest.run("call", "--proxy", proxy("socks4a", dante), url.replace("127.0.0.1", "localhost"), "echo", "x");
        assertThat(run.exit()).isEqualTo(Main.EXIT_CONNECTION);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("jrpcx call: cannot connect to localhost:").contains("through");
    }

    @Test
    void aBadProxyUrlIsAUsageError() {
        CliTest.Run run = CliTest.run("call", "--proxy", "http://127.0.0.1:8080", url, "echo", "x");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--proxy");
    }

    @Test
    void benchRunsThroughAProxy() {
        CliTest.Run run = CliTest.run("bench", "--proxy", proxy("socks5", microsocks), url,
                "--connections", "2", "--depth", "4", "--duration", "1");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("requests");
    }
}
