package io.jrpcx.socks;

import static io.jrpcx.socks.testing.HostileProxy.hangUp;
import static io.jrpcx.socks.testing.HostileProxy.read;
import static io.jrpcx.socks.testing.HostileProxy.write;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jrpcx.internal.transport.Negotiation;
import io.jrpcx.socks.testing.HostileProxy;
import io.jrpcx.socks.testing.HostileProxy.Step;
import io.jrpcx.socks.testing.NettyThroughProxy;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A fake proxy that breaks the protocol in every way a reply can: each case ends with a clear error
 * and a closed socket, over a blocking socket and through the Netty pipeline step, never a hang.
 */
class HostileProxyTest {
    private static final Duration SHORT = Duration.ofMillis(700);
    private static final SocksAuth ALICE = SocksAuth.user("alice", "secret");

    /** A fake proxy's script and what the client must make of it. */
    record Case(String name, SocksProtocol protocol, SocksAuth auth, String error, Step... script) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        byte[] flood = new byte[256 * 1024];
        Arrays.fill(flood, (byte) 0xFF);
        return Stream.of(
                new Case("SOCKS5 method selection with a bad version", SocksProtocol.SOCKS5, SocksAuth.none(),
                        "PROTOCOL: SOCKS5 proxy sent an invalid method selection: 04 00 (the first byte must be 5)",
                        read(3), write("04 00")),
                new Case("SOCKS5 method that was not offered", SocksProtocol.SOCKS5, SocksAuth.none(),
                        "PROTOCOL: SOCKS5 proxy chose authentication method 2, which was not offered",
                        read(3), write("05 02")),
                new Case("SOCKS5 GSSAPI chosen", SocksProtocol.SOCKS5, ALICE,
                        "PROTOCOL: SOCKS5 proxy chose authentication method 1, which was not offered",
                        read(4), write("05 01")),
                new Case("SOCKS5 authentication reply with a bad version", SocksProtocol.SOCKS5, ALICE,
                        "PROTOCOL: SOCKS5 proxy sent an invalid authentication reply: 05 00 (the first byte must be 1)",
                        read(4), write("05 02"), read(14), write("05 00")),
                new Case("SOCKS5 connection reply with a bad address type", SocksProtocol.SOCKS5, SocksAuth.none(),
                        "PROTOCOL: SOCKS5 proxy sent an invalid connection reply: 05 00 00 07 00 (address type 7 is not 1, 3 or 4)",
                        read(3), write("05 00"), read(10), write("05 00 00 07 00 00 00 00 00 00")),
                new Case("SOCKS5 connection reply with a bad version", SocksProtocol.SOCKS5, SocksAuth.none(),
                        "PROTOCOL: SOCKS5 proxy sent an invalid connection reply: 00 5a 00 00 00 (the first byte must be 5)",
                        read(3), write("05 00"), read(10), write("00 5a 00 00 00 00 00 00")),
                new Case("SOCKS5 short connection reply, then end of input", SocksProtocol.SOCKS5, SocksAuth.none(),
                        "PROTOCOL: SOCKS5 proxy closed the connection after 3 of 5 bytes of its connection reply",
                        read(3), write("05 00"), read(10), write("05 00 00"), hangUp()),
                new Case("SOCKS5 end of input at once", SocksProtocol.SOCKS5, SocksAuth.none(),
                        "PROTOCOL: SOCKS5 proxy closed the connection after 0 of 2 bytes of its method selection",
                        read(3), hangUp()),
                new Case("SOCKS5 flood of garbage", SocksProtocol.SOCKS5, SocksAuth.none(),
                        "PROTOCOL: SOCKS5 proxy sent an invalid method selection: ff ff (the first byte must be 5)",
                        read(3), write(flood)),
                new Case("SOCKS5 refusal", SocksProtocol.SOCKS5, SocksAuth.none(),
                        "FAILURE: SOCKS5 proxy: connection not allowed by ruleset (code 2)",
                        read(3), write("05 00"), read(10), write("05 02 00 01 00 00 00 00 00 00")),
                new Case("SOCKS5 credentials refused", SocksProtocol.SOCKS5, ALICE,
                        "FAILURE: SOCKS5 proxy refused the user name and password (status 255)",
                        read(4), write("05 02"), read(14), write("01 ff")),
                new Case("SOCKS4 reply with a bad first byte", SocksProtocol.SOCKS4, SocksAuth.none(),
                        "PROTOCOL: SOCKS4 proxy sent an invalid reply: 04 5a 00 00 00 00 00 00 (the first byte must be 0)",
                        read(9), write("04 5a 00 00 00 00 00 00")),
                new Case("SOCKS4 a SOCKS5 answer", SocksProtocol.SOCKS4, SocksAuth.none(),
                        "PROTOCOL: SOCKS4 proxy closed the connection after 2 of 8 bytes of its reply",
                        read(9), write("05 ff"), hangUp()),
                new Case("SOCKS4a refusal", SocksProtocol.SOCKS4A, SocksAuth.none(),
                        "FAILURE: SOCKS4a proxy: request rejected or failed (code 91)",
                        read(19), write("00 5b 00 00 00 00 00 00")),
                new Case("SOCKS4 short reply, then silence", SocksProtocol.SOCKS4, SocksAuth.none(),
                        "timeout", read(9), write("00 5a 00")),
                new Case("a proxy that never answers", SocksProtocol.SOCKS5, SocksAuth.none(),
                        "timeout", read(3)));
    }

    private static String hostFor(SocksProtocol p) {
        return p == SocksProtocol.SOCKS4A ? "localhost" : "127.0.0.1";
    }

    @ParameterizedTest
    @MethodSource("cases")
    void blockingConnectEndsWithAClearErrorAndClosesTheSocket(Case c) throws Exception {
        try (HostileProxy fake = HostileProxy.start(c.script())) {
            SocksProxy proxy = SocksProxy.of(fake.address(), c.protocol(), c.auth());
            long start = System.nanoTime();
            Throwable thrown = null;
            try {
                proxy.connect(hostFor(c.protocol()), 7, SHORT).close();
            } catch (Exception e) {
                thrown = e;
            }
            assertThat(thrown).as("%s must fail", c).isNotNull();
            if (c.error().equals("timeout")) {
                assertThat(thrown).isInstanceOf(SocketTimeoutException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            } else {
                assertThat(thrown).isInstanceOf(SocksException.class);
                SocksException e = (SocksException) thrown;
                assertThat(e.kind() + ": " + e.getMessage()).isEqualTo(c.error());
            }
            awaitClosedByClient(fake, c);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void nettyStepEndsWithAClearErrorAndClosesTheChannel(Case c) throws Exception {
        try (HostileProxy fake = HostileProxy.start(c.script())) {
            SocksProxy proxy = SocksProxy.of(fake.address(), c.protocol(), c.auth());
            try (NettyThroughProxy client = NettyThroughProxy.connect(fake.address(),
                    () -> proxy.negotiation(hostFor(c.protocol()), 7, SHORT))) {
                Throwable failure = client.awaitClosed();
                assertThat(client.wasActive()).as("the next handler never saw the channel open").isFalse();
                if (c.error().equals("timeout")) {
                    assertThat(failure).isInstanceOf(Negotiation.NegotiationTimeoutException.class)
                            .hasMessageContaining(c.protocol() + " handshake").hasMessageContaining("did not finish within 700 ms");
                } else {
                    assertThat(failure).isInstanceOf(SocksException.class);
                    SocksException e = (SocksException) failure;
                    assertThat(e.kind() + ": " + e.getMessage()).isEqualTo(c.error());
                }
            }
            awaitClosedByClient(fake, c);
        }
    }

    private static void awaitClosedByClient(HostileProxy fake, Case c) throws Exception {
        boolean byClient = fake.awaitClientClosed();
        boolean scriptCloses = Arrays.stream(c.script()).anyMatch(s -> s instanceof HostileProxy.Close);
        assertThat(byClient).as("who closed the connection in %s", c).isEqualTo(!scriptCloses);
    }

    @Test
    void bytesSentWithTheGrantGoToTheNextHandler() throws Exception {
        String granted = "05 00 00 01 7f 00 00 01 00 07";
        try (HostileProxy fake = HostileProxy.start(read(3), write("05 00"), read(10),
                write(Exchange.concat(Exchange.bytes(granted), "first bytes".getBytes(UTF_8))))) {
            SocksProxy proxy = SocksProxy.of(fake.address(), SocksProtocol.SOCKS5, SocksAuth.none());
            try (NettyThroughProxy client = NettyThroughProxy.connect(fake.address(),
                    () -> proxy.negotiation("127.0.0.1", 7, SHORT))) {
                client.awaitActive();
                assertThat(new String(client.awaitReceived(11), UTF_8)).isEqualTo("first bytes");
                client.send("reply".getBytes(UTF_8));
            }
            assertThat(fake.awaitClientClosed()).isTrue();
            assertThat(fake.received()).isEqualTo("05 01 00 05 01 00 01 7f 00 00 01 00 07 "
                    + Exchange.hex("reply".getBytes(UTF_8)));
        }
        try (HostileProxy fake = HostileProxy.start(read(9),
                write(Exchange.concat(Exchange.bytes("00 5a 00 00 00 00 00 00"), "hi".getBytes(UTF_8))))) {
            SocksProxy proxy = SocksProxy.of(fake.address(), SocksProtocol.SOCKS4, SocksAuth.none());
            try (SocksConnection c = proxy.connect("127.0.0.1", 7, SHORT)) {
                c.socket().setSoTimeout(10_000);
                assertThat(c.socket().getInputStream().readNBytes(2)).isEqualTo("hi".getBytes(UTF_8));
            }
        }
    }

    @Test
    void aDeadlineOfZeroMeansNoLimitButAClosedProxyStillEndsTheStep() throws Exception {
        try (HostileProxy fake = HostileProxy.start(read(3), write("05"), hangUp())) {
            SocksProxy proxy = SocksProxy.of(fake.address(), SocksProtocol.SOCKS5, SocksAuth.none());
            try (NettyThroughProxy client = NettyThroughProxy.connect(fake.address(),
                    () -> proxy.negotiation("127.0.0.1", 7, Duration.ZERO))) {
                assertThat(client.awaitClosed()).isInstanceOf(SocksException.class)
                        .hasMessage("SOCKS5 proxy closed the connection after 1 of 2 bytes of its method selection");
            }
        }
    }

    @Test
    void requestsThatCannotBeExpressedFailBeforeConnecting() {
        SocksProxy proxy = SocksProxy.of(io.jrpcx.net.NetAddress.of("127.0.0.1", 9), SocksProtocol.SOCKS5,
                SocksAuth.none());
        assertThatThrownBy(() -> proxy.negotiation("x".repeat(256), 80, SHORT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> proxy.connect("x".repeat(256), 80, SHORT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
