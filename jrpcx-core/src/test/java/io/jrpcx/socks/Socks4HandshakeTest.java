package io.jrpcx.socks;

import static io.jrpcx.socks.Exchange.bytes;
import static io.jrpcx.socks.Exchange.everySplit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** SOCKS4 and SOCKS4a handshakes, each reply read at every split. */
class Socks4HandshakeTest {
    private static final SocksAuth ALICE = SocksAuth.user("alice", "secret");
    private static final String GRANTED = "00 5a 12 34 7f 00 00 01";

    @Test
    void socks4RequestCarriesPortAddressAndEmptyUserId() {
        Exchange e = everySplit(() -> SocksProtocol.SOCKS4.handshake("127.0.0.1", 8000, SocksAuth.none()),
                bytes(GRANTED));
        assertThat(e.sent()).isEqualTo("04 01 1f 40 7f 00 00 01 00");
        assertThat(e.outcome()).isEqualTo("done");
        assertThat(e.leftover()).isEmpty();
    }

    @Test
    void userNameIsTheUserIdAndThePasswordIsNotSent() {
        Exchange e = everySplit(() -> SocksProtocol.SOCKS4.handshake("10.1.2.3", 80, ALICE), bytes(GRANTED));
        assertThat(e.sent()).isEqualTo("04 01 00 50 0a 01 02 03 61 6c 69 63 65 00");
        assertThat(e.outcome()).isEqualTo("done");
    }

    @Test
    void bytesAfterTheReplyAreLeftForTheDestination() {
        Exchange e = everySplit(() -> SocksProtocol.SOCKS4.handshake("127.0.0.1", 8000, SocksAuth.none()),
                bytes(GRANTED + " 68 69 0a"));
        assertThat(e.outcome()).isEqualTo("done");
        assertThat(e.leftover()).isEqualTo("68 69 0a");
    }

    @Test
    void socks4aSendsAHostNameAfterAnInvalidAddress() {
        Exchange e = everySplit(() -> SocksProtocol.SOCKS4A.handshake("localhost", 7, ALICE), bytes(GRANTED));
        assertThat(e.sent()).isEqualTo("04 01 00 07 00 00 00 01 61 6c 69 63 65 00 6c 6f 63 61 6c 68 6f 73 74 00");
        assertThat(e.outcome()).isEqualTo("done");
    }

    @Test
    void socks4aSendsAnIpv4AddressAsSocks4Does() {
        Exchange e = everySplit(() -> SocksProtocol.SOCKS4A.handshake("127.0.0.1", 8000, SocksAuth.none()),
                bytes(GRANTED));
        assertThat(e.sent()).isEqualTo("04 01 1f 40 7f 00 00 01 00");
    }

    @ParameterizedTest
    @CsvSource({
            "91, request rejected or failed",
            "92, request rejected because the proxy cannot reach the client's identd",
            "93, request rejected because identd reports a different user id",
            "0, unknown reply code",
            "255, unknown reply code"})
    void eachRejectionCodeIsAFailureInWords(int code, String words) {
        for (SocksProtocol p : new SocksProtocol[] {SocksProtocol.SOCKS4, SocksProtocol.SOCKS4A}) {
            Exchange e = everySplit(() -> p.handshake("127.0.0.1", 80, SocksAuth.none()),
                    bytes(String.format("00 %02x 00 00 00 00 00 00", code)));
            assertThat(e.outcome()).isEqualTo("FAILURE: " + p + " proxy: " + words + " (code " + code + ")");
        }
        SocksHandshake h = SocksProtocol.SOCKS4.handshake("127.0.0.1", 80, SocksAuth.none());
        h.start();
        assertThatThrownBy(() -> h.receive(ByteBuffer.wrap(bytes(String.format("00 %02x 00 00 00 00 00 00", code)))))
                .isInstanceOfSatisfying(SocksException.class, x -> {
                    assertThat(x.kind()).isEqualTo(SocksException.Kind.FAILURE);
                    assertThat(x.replyCode()).hasValue(code);
                });
    }

    @ParameterizedTest
    @CsvSource({"01", "04", "05", "ff"})
    void aBadFirstByteIsAProtocolError(String first) {
        Exchange e = everySplit(() -> SocksProtocol.SOCKS4.handshake("127.0.0.1", 80, SocksAuth.none()),
                bytes(first + " 5a 00 00 00 00 00 00"));
        assertThat(e.outcome()).startsWith("PROTOCOL: SOCKS4 proxy sent an invalid reply: " + first + " 5a")
                .endsWith("(the first byte must be 0)");
    }

    @Test
    void aShortReplyThenEndOfInputIsAProtocolError() {
        for (int n = 0; n < 8; n++) {
            String part = GRANTED.substring(0, Math.max(0, 3 * n - 1));
            Exchange e = everySplit(() -> SocksProtocol.SOCKS4.handshake("127.0.0.1", 80, SocksAuth.none()),
                    bytes(part));
            assertThat(e.outcome()).isEqualTo("eof: SOCKS4 proxy closed the connection after " + n
                    + " of 8 bytes of its reply");
        }
    }

    @Test
    void requestsThatCannotBeExpressedAreRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> SocksProtocol.SOCKS4.handshake("localhost", 80, SocksAuth.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SOCKS4 needs an IPv4 address");
        assertThatThrownBy(() -> SocksProtocol.SOCKS4.handshake("::1", 80, SocksAuth.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IPv6");
        assertThatThrownBy(() -> SocksProtocol.SOCKS4A.handshake("[::1]", 80, SocksAuth.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IPv6");
        assertThatThrownBy(() -> SocksProtocol.SOCKS4A.handshake("a".repeat(256), 80, SocksAuth.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 255 bytes");
        assertThatThrownBy(() -> SocksProtocol.SOCKS4A.handshake("", 80, SocksAuth.none()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SocksProtocol.SOCKS4A.handshake("a\0b", 80, SocksAuth.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
        assertThatThrownBy(() -> SocksProtocol.SOCKS4.handshake("127.0.0.1", 80, SocksAuth.user("a\0", "p")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
        assertThatThrownBy(() -> SocksProtocol.SOCKS4.handshake("127.0.0.1", 0, SocksAuth.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
        // 255 bytes is the longest name that fits
        assertThat(SocksProtocol.SOCKS4A.handshake("a".repeat(255), 80, SocksAuth.none()).start()).hasSize(9 + 256);
    }

    @Test
    void randomAuthGivesEachRequestItsOwnUserId() {
        java.util.Set<String> requests = new java.util.HashSet<>();
        for (int i = 0; i < 10; i++) {
            byte[] request = SocksProtocol.SOCKS4A.handshake("localhost", 80, SocksAuth.random()).start();
            assertThat(request).hasSize(8 + 64 + 1 + 10);
            assertThat(new String(request, 8, 64, java.nio.charset.StandardCharsets.US_ASCII)).matches("[0-9a-f]{64}");
            requests.add(Exchange.hex(request));
        }
        assertThat(requests).hasSize(10);
    }

    @Test
    void misuseIsAnIllegalStateNotAnotherMessage() {
        SocksHandshake h = SocksProtocol.SOCKS4.handshake("127.0.0.1", 80, SocksAuth.none());
        assertThatThrownBy(() -> h.receive(ByteBuffer.wrap(bytes(GRANTED)))).isInstanceOf(IllegalStateException.class);
        h.start();
        assertThatThrownBy(h::start).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> h.receive(ByteBuffer.wrap(bytes("01 5a 00 00 00 00 00 00"))))
                .isInstanceOf(SocksException.class);
        assertThatThrownBy(() -> h.receive(ByteBuffer.wrap(bytes(GRANTED)))).isInstanceOf(IllegalStateException.class);
        SocksHandshake done = SocksProtocol.SOCKS4.handshake("127.0.0.1", 80, SocksAuth.none());
        done.start();
        done.receive(ByteBuffer.wrap(bytes(GRANTED)));
        assertThatThrownBy(() -> done.receive(ByteBuffer.wrap(bytes("00")))).isInstanceOf(IllegalStateException.class);
    }
}
