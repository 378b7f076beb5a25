package io.jrpcx.socks;

import static io.jrpcx.socks.Exchange.bytes;
import static io.jrpcx.socks.Exchange.everySplit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SOCKS5 handshakes (RFC 1928, RFC 1929), each reply stream read at every split. */
class Socks5HandshakeTest {
    private static final SocksAuth ALICE = SocksAuth.user("alice", "secret");
    private static final String NO_AUTH = "05 00";
    private static final String USER_PASSWORD = "05 02";
    private static final String AUTH_OK = "01 00";
    private static final String GRANTED_V4 = "05 00 00 01 7f 00 00 01 d4 31";
    /** ALICE's RFC 1929 message. */
    private static final String ALICE_AUTH = "01 05 61 6c 69 63 65 06 73 65 63 72 65 74";

    private static SocksHandshake plain() {
        return SocksProtocol.SOCKS5.handshake("127.0.0.1", 8000, SocksAuth.none());
    }

    @Test
    void noAuthenticationThenAnIpv4Request() {
        Exchange e = everySplit(Socks5HandshakeTest::plain, bytes(NO_AUTH + " " + GRANTED_V4));
        assertThat(e.sent()).isEqualTo("05 01 00 05 01 00 01 7f 00 00 01 1f 40");
        assertThat(e.outcome()).isEqualTo("done");
        assertThat(e.leftover()).isEmpty();
    }

    @Test
    void eachAddressTypeOfTheRequestAndOfTheBoundAddress() {
        Exchange v6 = everySplit(() -> SocksProtocol.SOCKS5.handshake("[::1]", 443, SocksAuth.none()),
                bytes(NO_AUTH + " 05 00 00 04 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01 01 bb 41"));
        assertThat(v6.sent()).isEqualTo("05 01 00 05 01 00 04 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01 01 bb");
        assertThat(v6.outcome()).isEqualTo("done");
        assertThat(v6.leftover()).isEqualTo("41");

        Exchange name = everySplit(() -> SocksProtocol.SOCKS5.handshake("localhost", 80, SocksAuth.none()),
                bytes(NO_AUTH + " 05 00 00 03 04 68 6f 73 74 00 50 42 43"));
        assertThat(name.sent()).isEqualTo("05 01 00 05 01 00 03 09 6c 6f 63 61 6c 68 6f 73 74 00 50");
        assertThat(name.outcome()).isEqualTo("done");
        assertThat(name.leftover()).isEqualTo("42 43");

        Exchange emptyName = everySplit(Socks5HandshakeTest::plain, bytes(NO_AUTH + " 05 00 00 03 00 00 50 44"));
        assertThat(emptyName.outcome()).isEqualTo("done");
        assertThat(emptyName.leftover()).isEqualTo("44");
    }

    @Test
    void userAndPasswordWhenTheProxyChoosesThem() {
        Exchange e = everySplit(() -> SocksProtocol.SOCKS5.handshake("127.0.0.1", 8000, ALICE),
                bytes(USER_PASSWORD + " " + AUTH_OK + " " + GRANTED_V4 + " 0a"));
        assertThat(e.sent()).isEqualTo("05 02 00 02 " + ALICE_AUTH + " 05 01 00 01 7f 00 00 01 1f 40");
        assertThat(e.outcome()).isEqualTo("done");
        assertThat(e.leftover()).isEqualTo("0a");
    }

    @Test
    void credentialsAreNotSentWhenTheProxyNeedsNone() {
        Exchange e = everySplit(() -> SocksProtocol.SOCKS5.handshake("127.0.0.1", 8000, ALICE),
                bytes(NO_AUTH + " " + GRANTED_V4));
        assertThat(e.sent()).isEqualTo("05 02 00 02 05 01 00 01 7f 00 00 01 1f 40");
        assertThat(e.outcome()).isEqualTo("done");
    }

    @Test
    void refusedAuthenticationMethodsAreAFailure() {
        Exchange e = everySplit(Socks5HandshakeTest::plain, bytes("05 ff"));
        assertThat(e.outcome()).isEqualTo(
                "FAILURE: SOCKS5 proxy accepted none of the offered authentication methods (none)");
        Exchange withUser = everySplit(() -> SocksProtocol.SOCKS5.handshake("127.0.0.1", 1, ALICE), bytes("05 ff"));
        assertThat(withUser.outcome()).isEqualTo(
                "FAILURE: SOCKS5 proxy accepted none of the offered authentication methods (none, username/password)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"01", "02", "03", "80", "fe"})
    void aMethodThatWasNotOfferedIsAProtocolError(String method) {
        Exchange e = everySplit(Socks5HandshakeTest::plain, bytes("05 " + method + " " + GRANTED_V4));
        assertThat(e.outcome()).isEqualTo("PROTOCOL: SOCKS5 proxy chose authentication method "
                + Integer.parseInt(method, 16) + ", which was not offered");
    }

    @Test
    void refusedCredentialsAreAFailure() {
        Exchange e = everySplit(() -> SocksProtocol.SOCKS5.handshake("127.0.0.1", 1, ALICE),
                bytes(USER_PASSWORD + " 01 01"));
        assertThat(e.outcome()).isEqualTo("FAILURE: SOCKS5 proxy refused the user name and password (status 1)");
    }

    @ParameterizedTest
    @CsvSource({
            "'04 00', 'PROTOCOL: SOCKS5 proxy sent an invalid method selection: 04 00 (the first byte must be 5)'",
            "'00 5a', 'PROTOCOL: SOCKS5 proxy sent an invalid method selection: 00 5a (the first byte must be 5)'",
            "'05 02 05 00', 'PROTOCOL: SOCKS5 proxy sent an invalid authentication reply: 05 00 (the first byte must be 1)'",
            "'05 02 01 00 04 00 00 01 7f 00 00 01 00 01', 'PROTOCOL: SOCKS5 proxy sent an invalid connection reply: 04 00 00 01 7f (the first byte must be 5)'",
            "'05 02 01 00 05 00 01 01 7f 00 00 01 00 01', 'PROTOCOL: SOCKS5 proxy sent an invalid connection reply: 05 00 01 01 7f (the reserved byte must be 0)'",
            "'05 02 01 00 05 00 00 02 7f 00 00 01 00 01', 'PROTOCOL: SOCKS5 proxy sent an invalid connection reply: 05 00 00 02 7f (address type 2 is not 1, 3 or 4)'",
            "'05 02 01 00 05 00 00 00 7f 00 00 01 00 01', 'PROTOCOL: SOCKS5 proxy sent an invalid connection reply: 05 00 00 00 7f (address type 0 is not 1, 3 or 4)'"})
    void badFirstBytesOfEachReplyAreProtocolErrors(String stream, String outcome) {
        Exchange e = everySplit(() -> SocksProtocol.SOCKS5.handshake("127.0.0.1", 1, ALICE), bytes(stream));
        assertThat(e.outcome()).isEqualTo(outcome);
    }

    @ParameterizedTest
    @CsvSource({
            "1, general SOCKS server failure",
            "2, connection not allowed by ruleset",
            "3, network unreachable",
            "4, host unreachable",
            "5, connection refused",
            "6, TTL expired",
            "7, command not supported",
            "8, address type not supported",
            "9, unknown reply code",
            "255, unknown reply code"})
    void eachRejectionCodeIsAFailureInWords(int code, String words) {
        String reply = String.format("05 %02x 00 01 00 00 00 00 00 00", code);
        Exchange e = everySplit(Socks5HandshakeTest::plain, bytes(NO_AUTH + " " + reply));
        assertThat(e.outcome()).isEqualTo("FAILURE: SOCKS5 proxy: " + words + " (code " + code + ")");
        SocksHandshake h = plain();
        h.start();
        assertThatThrownBy(() -> h.receive(ByteBuffer.wrap(bytes(NO_AUTH + " " + reply))))
                .isInstanceOfSatisfying(SocksException.class, x -> assertThat(x.replyCode()).hasValue(code));
    }

    @Test
    void everyShortReplyThenEndOfInputIsAProtocolError() {
        String full = USER_PASSWORD + " " + AUTH_OK + " 05 00 00 03 04 68 6f 73 74 00 50";
        byte[] all = bytes(full);
        String[] expected = {
                "0 of 2 bytes of its method selection", "1 of 2 bytes of its method selection",
                "0 of 2 bytes of its authentication reply", "1 of 2 bytes of its authentication reply",
                "0 of 5 bytes of its connection reply", "1 of 5 bytes of its connection reply",
                "2 of 5 bytes of its connection reply", "3 of 5 bytes of its connection reply",
                "4 of 5 bytes of its connection reply", "0 of 6 bytes of its bound address",
                "1 of 6 bytes of its bound address", "2 of 6 bytes of its bound address",
                "3 of 6 bytes of its bound address", "4 of 6 bytes of its bound address",
                "5 of 6 bytes of its bound address"};
        assertThat(expected).hasSize(all.length);
        for (int n = 0; n < all.length; n++) {
            byte[] part = java.util.Arrays.copyOf(all, n);
            Exchange e = everySplit(() -> SocksProtocol.SOCKS5.handshake("127.0.0.1", 1, ALICE), part);
            assertThat(e.outcome()).isEqualTo("eof: SOCKS5 proxy closed the connection after " + expected[n]);
        }
        assertThat(everySplit(() -> SocksProtocol.SOCKS5.handshake("127.0.0.1", 1, ALICE), all).outcome())
                .isEqualTo("done");
    }

    @Test
    void userNameAndPasswordLengthLimitsAreCheckedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> SocksAuth.user("", "pw")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SOCKS user name must be 1 to 255 bytes of UTF-8, not 0");
        assertThatThrownBy(() -> SocksAuth.user("u".repeat(256), "pw")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SOCKS user name must be 1 to 255 bytes of UTF-8, not 256");
        assertThatThrownBy(() -> SocksAuth.user("user", "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SOCKS password must be 1 to 255 bytes of UTF-8, not 0");
        assertThatThrownBy(() -> SocksAuth.user("user", "p".repeat(256))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SOCKS password must be 1 to 255 bytes of UTF-8, not 256");
        // 128 two-byte characters are 256 bytes
        assertThatThrownBy(() -> SocksAuth.user("é".repeat(128), "pw")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("not 256");
        SocksAuth longest = SocksAuth.user("u".repeat(255), "p".repeat(255));
        Exchange e = everySplit(() -> SocksProtocol.SOCKS5.handshake("127.0.0.1", 1, longest),
                bytes(USER_PASSWORD + " " + AUTH_OK + " " + GRANTED_V4));
        assertThat(e.outcome()).isEqualTo("done");
        assertThat(e.sent()).contains("01 ff 75 75").contains("75 ff 70 70");
    }

    @Test
    void hostNameLengthIsCheckedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> SocksProtocol.SOCKS5.handshake("a".repeat(256), 80, SocksAuth.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SOCKS5 host name must be 1 to 255 bytes of UTF-8, not 256");
        assertThatThrownBy(() -> SocksProtocol.SOCKS5.handshake("", 80, SocksAuth.none()))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] first = SocksProtocol.SOCKS5.handshake("a".repeat(255), 80, SocksAuth.none()).start();
        assertThat(first).containsExactly(5, 1, 0);
    }

    @Test
    void randomAuthGivesEachHandshakeFreshCredentials() {
        Set<String> messages = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            SocksHandshake h = SocksProtocol.SOCKS5.handshake("127.0.0.1", 80, SocksAuth.random());
            assertThat(h.start()).containsExactly(5, 2, 0, 2);
            byte[] auth = h.receive(ByteBuffer.wrap(bytes(USER_PASSWORD)));
            assertThat(auth).hasSize(3 + 64 + 64);
            assertThat(auth[0]).isEqualTo((byte) 1);
            assertThat(auth[1]).isEqualTo((byte) 64);
            assertThat(new String(auth, 2, 64, java.nio.charset.StandardCharsets.US_ASCII)).matches("[0-9a-f]{64}");
            messages.add(Exchange.hex(auth));
        }
        assertThat(messages).hasSize(20);
        SocksAuth.User a = SocksAuth.random().credentials().orElseThrow();
        assertThat(a.username()).isNotEqualTo(a.password());
        assertThat(SocksAuth.random().credentials()).isNotEqualTo(SocksAuth.random().credentials());
    }

    @Test
    void repliesSentBeforeTheirQuestionsAreReadInOrder() {
        SocksHandshake h = SocksProtocol.SOCKS5.handshake("127.0.0.1", 8000, ALICE);
        h.start();
        byte[] out = h.receive(ByteBuffer.wrap(bytes(USER_PASSWORD + " " + AUTH_OK + " " + GRANTED_V4)));
        assertThat(Exchange.hex(out)).isEqualTo(ALICE_AUTH + " 05 01 00 01 7f 00 00 01 1f 40");
        assertThat(h.isDone()).isTrue();
    }
}
