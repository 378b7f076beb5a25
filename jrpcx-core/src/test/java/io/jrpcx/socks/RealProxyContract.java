package io.jrpcx.socks;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jrpcx.net.NetAddress;
import io.jrpcx.socks.testing.LoopbackEcho;
import io.jrpcx.socks.testing.NettyThroughProxy;
import io.jrpcx.socks.testing.RealProxy;
import io.jrpcx.internal.socks.SocksNegotiation;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every real proxy must show: each protocol it speaks carries bytes to a loopback echo server,
 * through a blocking socket and through a Netty pipeline; the others fail with a clear SOCKS error;
 * wrong credentials are a clear failure; detection finds it; names are resolved by the proxy or
 * locally as asked. Subclasses start one proxy for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RealProxyContract {
    static final Duration DEADLINE = Duration.ofSeconds(10);

    RealProxy proxy;
    LoopbackEcho echo;

    /** Starts the proxy under test. */
    abstract RealProxy start() throws IOException;

    /** What {@link SocksDetector#detectAll} finds at this proxy, probing the echo server. */
    abstract List<SocksProtocol> detectedProtocols();

    @BeforeAll
    void startProxy() throws IOException {
        echo = LoopbackEcho.start();
        proxy = start();
    }

    @AfterAll
    void stopProxy() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
        if (echo != null) {
            echo.close();
        }
    }

    SocksAuth auth() {
        return proxy.credentials().<SocksAuth>map(u -> u).orElse(SocksAuth.none());
    }

    SocksProxy via(SocksProtocol protocol) {
        return SocksProxy.of(proxy.address(), protocol, auth());
    }

    static void assertEchoes(SocksConnection c, String text) throws IOException {
        c.socket().setSoTimeout(10_000);
        byte[] bytes = text.getBytes(UTF_8);
        c.socket().getOutputStream().write(bytes);
        InputStream in = c.socket().getInputStream();
        assertThat(in.readNBytes(bytes.length)).isEqualTo(bytes);
    }

    @Test
    void everyProtocolItSpeaksCarriesBytesOverABlockingSocket() throws IOException {
        for (SocksProtocol p : proxy.speaks()) {
            try (SocksConnection c = via(p).connect("127.0.0.1", echo.port(), DEADLINE)) {
                assertThat(c.proxyPeer().getPort()).isEqualTo(proxy.address().port());
                assertThat(c.proxyPeer().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
                assertThat(c.host()).isEqualTo("127.0.0.1");
                assertThat(c.port()).isEqualTo(echo.port());
                assertEchoes(c, "hello through " + proxy.name() + " with " + p);
            }
        }
    }

    @Test
    void everyProtocolItSpeaksCarriesBytesThroughTheNettyNegotiation() throws Exception {
        for (SocksProtocol p : proxy.speaks()) {
            SocksProxy socks = via(p);
            try (NettyThroughProxy c = NettyThroughProxy.connect(proxy.address(),
                    () -> socks.negotiation("127.0.0.1", echo.port(), DEADLINE))) {
                c.awaitActive();
                assertThat(c.channel().pipeline().get(SocksNegotiation.class)).as("the step left").isNull();
                byte[] message = ("netty through " + proxy.name() + " with " + p).getBytes(UTF_8);
                c.send(message);
                assertThat(c.awaitReceived(message.length)).isEqualTo(message);
            }
        }
    }

    @Test
    void protocolsItDoesNotSpeakFailWithAClearSocksError() throws Exception {
        for (SocksProtocol p : SocksProtocol.values()) {
            if (proxy.speaks().contains(p)) {
                continue;
            }
            String host = p == SocksProtocol.SOCKS4A ? "localhost" : "127.0.0.1";
            assertThatThrownBy(() -> via(p).connect(host, echo.port(), DEADLINE).close())
                    .as("%s with %s", proxy, p)
                    .isInstanceOf(SocksException.class).hasMessageStartingWith(p + " proxy");
            SocksProxy socks = via(p);
            try (NettyThroughProxy c = NettyThroughProxy.connect(proxy.address(),
                    () -> socks.negotiation(host, echo.port(), DEADLINE))) {
                assertThat(c.awaitClosed()).isInstanceOf(SocksException.class);
                assertThat(c.wasActive()).isFalse();
            }
        }
    }

    @Test
    void theProxyResolvesNamesByDefault() throws IOException {
        for (SocksProtocol p : proxy.speaks()) {
            if (p == SocksProtocol.SOCKS4) {
                assertThatThrownBy(() -> via(p).connect("localhost", echo.port(), DEADLINE))
                        .isInstanceOf(IllegalArgumentException.class);
                continue;
            }
            try (SocksConnection c = via(p).connect("localhost", echo.port(), DEADLINE)) {
                assertThat(c.host()).isEqualTo("localhost");
                assertEchoes(c, "resolved by the proxy");
            }
        }
    }

    @Test
    void localResolutionAsksForAnAddress() throws IOException {
        for (SocksProtocol p : proxy.speaks()) {
            SocksProxy local = via(p).toBuilder().resolution(SocksProxy.Resolution.LOCAL).build();
            try (SocksConnection c = local.connect("localhost", echo.port(), DEADLINE)) {
                // the echo server listens on 127.0.0.1 only: a ::1 attempt, if tried first, failed
                assertThat(c.host()).isEqualTo("127.0.0.1");
                assertEchoes(c, "resolved here");
            }
        }
    }

    @Test
    void detectionFindsSocks5FirstAndEveryProtocolThatAnswers() {
        SocksDetector detector = SocksDetector.builder().probe(echo.address()).timeout(DEADLINE).auth(auth()).build();
        assertThat(detector.detectAt(proxy.address())).hasValueSatisfying(found -> {
            assertThat(found.protocol()).isEqualTo(SocksProtocol.SOCKS5);
            assertThat(found.address()).isEqualTo(proxy.address());
        });
        assertThat(detector.detectAll(proxy.address())).isEqualTo(detectedProtocols());
        // without a probe, the detector's own loopback listener is asked for
        assertThat(SocksDetector.builder().auth(auth()).build().detectAll(proxy.address()))
                .isEqualTo(detectedProtocols());
    }

    @Test
    void detectionOverAHostsPortsSkipsPortsWithoutAProxy() throws IOException {
        int nothing = RealProxy.freePort();
        SocksDetector detector = SocksDetector.builder().probe(echo.address()).timeout(DEADLINE).auth(auth()).build();
        assertThat(detector.detectAtHost("127.0.0.1", List.of(nothing, echo.port(), proxy.address().port())))
                .hasValueSatisfying(found -> assertThat(found.address()).isEqualTo(proxy.address()));
        assertThat(detector.detectAtHost("127.0.0.1", List.of(nothing))).isEmpty();
    }

    /** Whether the proxy passes ::1 as a destination (dante's rules here pass 127.0.0.0/8 only). */
    boolean passesIpv6Loopback() {
        return true;
    }

    @Test
    void socks5CarriesAnIpv6Destination() throws Exception {
        if (!proxy.speaks().contains(SocksProtocol.SOCKS5) || !passesIpv6Loopback()) {
            return;
        }
        LoopbackEcho v6;
        try {
            v6 = LoopbackEcho.startOn("::1");
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no IPv6 loopback here: " + e);
            return;
        }
        try (v6; SocksConnection c = via(SocksProtocol.SOCKS5).connect("::1", v6.port(), DEADLINE)) {
            assertThat(c.host()).isEqualTo("::1");
            assertEchoes(c, "over IPv6 loopback");
        }
    }

    @Test
    void aProxyGivenByNameIsReachedAtOneOfItsAddresses() throws IOException {
        SocksProxy named = SocksProxy.of(NetAddress.of("localhost", proxy.address().port()), SocksProtocol.SOCKS5,
                auth());
        try (SocksConnection c = named.connect("127.0.0.1", echo.port(), DEADLINE)) {
            // the proxy listens on 127.0.0.1 only: a ::1 attempt, if tried first, failed
            assertThat(c.proxyPeer().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertEchoes(c, "proxy by name");
        }
    }

    @Test
    void randomCredentialsAreOfferedAndRefusedOnlyWhereAnAccountIsNeeded() throws IOException {
        SocksProxy random = SocksProxy.of(proxy.address(), SocksProtocol.SOCKS5, SocksAuth.random());
        if (proxy.credentials().isEmpty()) {
            // a proxy without accounts picks "no authentication" from the methods offered
            try (SocksConnection c = random.connect("127.0.0.1", echo.port(), DEADLINE)) {
                assertEchoes(c, "random credentials, not needed");
            }
        } else {
            assertThatThrownBy(() -> random.connect("127.0.0.1", echo.port(), DEADLINE))
                    .isInstanceOfSatisfying(SocksException.class,
                            e -> assertThat(e.kind()).isEqualTo(SocksException.Kind.FAILURE));
        }
    }

    @Test
    void wrongCredentialsAreAClearFailure() {
        if (proxy.credentials().isEmpty()) {
            return;
        }
        SocksProxy wrong = SocksProxy.of(proxy.address(), SocksProtocol.SOCKS5, SocksAuth.user("nobody-here", "wrong"));
        assertThatThrownBy(() -> wrong.connect("127.0.0.1", echo.port(), DEADLINE))
                .isInstanceOfSatisfying(SocksException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SocksException.Kind.FAILURE);
                    assertThat(e.getMessage()).isEqualTo("SOCKS5 proxy refused the user name and password (status "
                            + e.replyCode().orElseThrow() + ")");
                });
        SocksProxy none = SocksProxy.of(proxy.address(), SocksProtocol.SOCKS5, SocksAuth.none());
        assertThatThrownBy(() -> none.connect("127.0.0.1", echo.port(), DEADLINE))
                .isInstanceOfSatisfying(SocksException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SocksException.Kind.FAILURE);
                    assertThat(e.getMessage()).contains("accepted none of the offered authentication methods");
                });
    }

    static List<SocksProtocol> list(SocksProtocol... protocols) {
        return Arrays.asList(protocols);
    }

    static NetAddress loopback(int port) {
        return NetAddress.of("127.0.0.1", port);
    }
}
