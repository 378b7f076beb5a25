package io.jrpcx.socks;

import static io.jrpcx.socks.testing.HostileProxy.hangUp;
import static io.jrpcx.socks.testing.HostileProxy.read;
import static io.jrpcx.socks.testing.HostileProxy.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.jrpcx.net.NetAddress;
import io.jrpcx.socks.testing.HostileProxy;
import io.jrpcx.socks.testing.RealProxy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Auto-detection against fake proxies whose every answer is scripted. */
class SocksDetectorTest {
    private static final NetAddress PROBE = NetAddress.of("127.0.0.1", 7);
    private static final SocksDetector DETECTOR = SocksDetector.builder().probe(PROBE)
            .timeout(Duration.ofMillis(700)).build();

    @Test
    void aGrantDetectsSocks5AndTheProbeIsWhatItAsksFor() throws Exception {
        try (HostileProxy fake = HostileProxy.start(read(3), write("05 00"), read(10),
                write("05 00 00 01 7f 00 00 01 00 07"))) {
            assertThat(DETECTOR.answers(fake.address(), SocksProtocol.SOCKS5)).isTrue();
            assertThat(fake.awaitClientClosed()).isTrue();
            assertThat(fake.received()).isEqualTo("05 01 00 05 01 00 01 7f 00 00 01 00 07");
        }
    }

    @Test
    void aRefusalStillCountsAsDetected() throws Exception {
        try (HostileProxy fake = HostileProxy.start(read(3), write("05 00"), read(10),
                write("05 05 00 01 00 00 00 00 00 00"))) {
            assertThat(DETECTOR.answers(fake.address(), SocksProtocol.SOCKS5)).isTrue();
        }
        try (HostileProxy fake = HostileProxy.start(read(3), write("05 ff"))) {
            assertThat(DETECTOR.answers(fake.address(), SocksProtocol.SOCKS5)).isTrue();
        }
        try (HostileProxy fake = HostileProxy.start(read(9), write("00 5c 00 00 00 00 00 00"))) {
            assertThat(DETECTOR.answers(fake.address(), SocksProtocol.SOCKS4)).isTrue();
            assertThat(fake.received()).isEqualTo("04 01 00 07 7f 00 00 01 00");
        }
    }

    @Test
    void socks4aProbesSendTheProbeHostAsAName() throws Exception {
        try (HostileProxy fake = HostileProxy.start(read(19), write("00 5a 00 00 00 00 00 00"))) {
            assertThat(DETECTOR.answers(fake.address(), SocksProtocol.SOCKS4A)).isTrue();
            assertThat(fake.received()).isEqualTo("04 01 00 07 00 00 00 01 00 31 32 37 2e 30 2e 30 2e 31 00");
        }
    }

    @Test
    void protocolErrorsSilenceAndNoListenerAreNotDetected() throws Exception {
        try (HostileProxy fake = HostileProxy.start(read(3), write("04 00"))) {
            assertThat(DETECTOR.answers(fake.address(), SocksProtocol.SOCKS5)).isFalse();
        }
        try (HostileProxy fake = HostileProxy.start(read(3), hangUp())) {
            assertThat(DETECTOR.answers(fake.address(), SocksProtocol.SOCKS5)).isFalse();
        }
        try (HostileProxy fake = HostileProxy.start(read(3))) {
            long start = System.nanoTime();
            assertThat(DETECTOR.answers(fake.address(), SocksProtocol.SOCKS5)).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(fake.awaitClientClosed()).isTrue();
        }
        assertThat(DETECTOR.answers(NetAddress.of("127.0.0.1", RealProxy.freePort()), SocksProtocol.SOCKS5)).isFalse();
    }

    @Test
    void detectionTriesSocks5ThenSocks4aThenSocks4() throws Exception {
        // a SOCKS4-only server: garbage for SOCKS5, a hang-up for SOCKS4a's name, a grant for SOCKS4
        try (HostileProxy fake = HostileProxy.series(List.of(
                List.of(read(3), write("00 5b")),
                List.of(read(19), hangUp()),
                List.of(read(9), write("00 5a 00 00 00 00 00 00"))))) {
            assertThat(DETECTOR.detectAt(fake.address())).hasValueSatisfying(p -> {
                assertThat(p.protocol()).isEqualTo(SocksProtocol.SOCKS4);
                assertThat(p.address()).isEqualTo(fake.address());
            });
            assertThat(fake.awaitConversations()).containsExactly("05 01 00",
                    "04 01 00 07 00 00 00 01 00 31 32 37 2e 30 2e 30 2e 31 00",
                    "04 01 00 07 7f 00 00 01 00");
        }
        try (HostileProxy fake = HostileProxy.series(List.of(
                List.of(read(3), write("05 ff")),
                List.of(read(19), write("00 5b 00 00 00 00 00 00")),
                List.of(read(9), write("05 ff"))))) {
            assertThat(DETECTOR.detectAll(fake.address())).containsExactly(SocksProtocol.SOCKS5, SocksProtocol.SOCKS4A);
        }
        assertThat(DETECTOR.detectAll(NetAddress.of("127.0.0.1", RealProxy.freePort()))).isEmpty();
    }

    @Test
    void aSocks4aRefusalGivesWayToASocks4GrantForTheSameDestination() throws Exception {
        // a SOCKS4-only server such as dante: it takes 0.0.0.1 for the destination and refuses it
        List<List<HostileProxy.Step>> socks4Only = List.of(
                List.of(read(3), write("00 5b")),
                List.of(read(19), write("00 5b 00 00 00 00 00 00")),
                List.of(read(9), write("00 5a 00 00 00 00 00 00")));
        try (HostileProxy fake = HostileProxy.series(socks4Only)) {
            assertThat(DETECTOR.detectAt(fake.address()).map(SocksProxy::protocol)).contains(SocksProtocol.SOCKS4);
        }
        try (HostileProxy fake = HostileProxy.series(socks4Only)) {
            assertThat(DETECTOR.detectAll(fake.address())).containsExactly(SocksProtocol.SOCKS4);
        }
        // refused both ways: both refusals count, and SOCKS4a comes first
        List<List<HostileProxy.Step>> refusesAll = List.of(
                List.of(read(3), write("00 5b")),
                List.of(read(19), write("00 5b 00 00 00 00 00 00")),
                List.of(read(9), write("00 5b 00 00 00 00 00 00")));
        try (HostileProxy fake = HostileProxy.series(refusesAll)) {
            assertThat(DETECTOR.detectAt(fake.address()).map(SocksProxy::protocol)).contains(SocksProtocol.SOCKS4A);
        }
        try (HostileProxy fake = HostileProxy.series(refusesAll)) {
            assertThat(DETECTOR.detectAll(fake.address())).containsExactly(SocksProtocol.SOCKS4A, SocksProtocol.SOCKS4);
        }
    }

    @Test
    void detectionOverAHostsPortsStopsAtTheFirstProxy() throws Exception {
        int nothing = RealProxy.freePort();
        try (HostileProxy first = HostileProxy.start(read(3), write("05 00"), read(10),
                write("05 00 00 01 7f 00 00 01 00 07"));
                HostileProxy second = HostileProxy.start(read(3), write("05 00"))) {
            assertThat(DETECTOR.detectAtHost("127.0.0.1", List.of(nothing, first.address().port(),
                    second.address().port()))).hasValueSatisfying(p -> assertThat(p.address()).isEqualTo(first.address()));
            assertThat(second.conversations()).isEmpty();
        }
        assertThat(DETECTOR.detectAtHost("127.0.0.1", List.of(nothing))).isEmpty();
    }

    @Test
    void detectorOptions() {
        SocksDetector d = SocksDetector.create();
        assertThat(d.probe()).isEmpty();
        assertThat(d.timeout()).isEqualTo(Duration.ofSeconds(5));
        SocksDetector e = d.toBuilder().probe(PROBE).auth(SocksAuth.random()).build();
        assertThat(e.probe()).contains(PROBE);
        assertThat(e.toBuilder().build().probe()).contains(PROBE);
        assertThat(e.auth()).isEqualTo(SocksAuth.random());
        assertThat(List.of(d.toString(), e.toString())).allMatch(s -> s.startsWith("SOCKS detector probing"));
    }
}
