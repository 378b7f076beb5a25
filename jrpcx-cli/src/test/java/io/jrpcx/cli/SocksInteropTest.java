package io.jrpcx.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jrpcx.internal.json.Json;
import io.jrpcx.socks.SocksAuth;
import io.jrpcx.socks.SocksConnection;
import io.jrpcx.socks.SocksProtocol;
import io.jrpcx.socks.SocksProxy;
import io.jrpcx.socks.testing.RealProxy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * JSON-RPC with the reference aiorpcX server through each real proxy and each protocol it speaks, on
 * the blocking connection {@link SocksProxy#connect} makes: requests, and the server calling the
 * client back on the same connection. (Sessions through proxies come with the client's proxy option.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SocksInteropTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private PythonPeer server;
    private InetSocketAddress address;
    private final List<RealProxy> proxies = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        server = PythonPeer.server("v2");
        address = server.awaitListening(Duration.ofSeconds(30));
        proxies.add(RealProxy.dante(false));
        proxies.add(RealProxy.dante(true));
        proxies.add(RealProxy.microsocks(null));
        proxies.add(RealProxy.microsocks(SocksAuth.user("jrpcx", "micro-pw")));
        proxies.add(RealProxy.sshDynamic());
    }

    @AfterAll
    void stop() throws Exception {
        proxies.forEach(RealProxy::close);
        if (server != null) {
            server.close();
        }
    }

    /** One newline-framed JSON-RPC conversation over a connection through a proxy. */
    private static final class Wire {
        private final OutputStream out;
        private final BufferedReader in;

        Wire(SocksConnection c) throws Exception {
            c.socket().setSoTimeout(10_000);
            out = c.socket().getOutputStream();
            in = new BufferedReader(new InputStreamReader(c.socket().getInputStream(), UTF_8));
        }

        JsonNode exchange(String line) throws Exception {
            out.write((line + "\n").getBytes(UTF_8));
            out.flush();
            String reply = in.readLine();
            assertThat(reply).as("a reply to %s", line).isNotNull();
            return Json.mapper().readTree(reply);
        }
    }

    @Test
    void requestsAndCallbacksThroughEveryProxyAndProtocol() throws Exception {
        int checked = 0;
        for (RealProxy proxy : proxies) {
            SocksAuth auth = proxy.credentials().<SocksAuth>map(u -> u).orElse(SocksAuth.none());
            for (SocksProtocol protocol : proxy.speaks()) {
                String host = protocol == SocksProtocol.SOCKS4 ? "127.0.0.1" : "localhost";
                SocksProxy socks = SocksProxy.of(proxy.address(), protocol, auth);
                try (SocksConnection c = socks.connect(host, address.getPort(), DEADLINE)) {
                    String what = proxy + " with " + protocol;
                    Wire wire = new Wire(c);
                    JsonNode echo = wire.exchange("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"through "
                            + what + "\"],\"id\":1}");
                    assertThat(echo.get("result").asText()).as(what).isEqualTo("through " + what);
                    JsonNode sum = wire.exchange("{\"jsonrpc\":\"2.0\",\"method\":\"sum\",\"params\":[1,2,3.5],\"id\":2}");
                    assertThat(sum.get("result").asDouble()).as(what).isEqualTo(6.5);
                    // the server asks us for echo("back") and answers with our result
                    JsonNode request = wire.exchange("{\"jsonrpc\":\"2.0\",\"method\":\"call_me_back\","
                            + "\"params\":[\"echo\",\"back\"],\"id\":3}");
                    assertThat(request.get("method").asText()).as(what).isEqualTo("echo");
                    JsonNode done = wire.exchange("{\"jsonrpc\":\"2.0\",\"result\":\"back\",\"id\":"
                            + request.get("id") + "}");
                    assertThat(done.get("id").asInt()).isEqualTo(3);
                    assertThat(done.get("result").asText()).as(what).isEqualTo("back");
                    checked++;
                }
            }
        }
        // dante: 4 and 5; dante with an account: 5; microsocks twice: 5; ssh -D: 4, 4a and 5
        assertThat(checked).isEqualTo(2 + 1 + 1 + 1 + 3);
    }
}
