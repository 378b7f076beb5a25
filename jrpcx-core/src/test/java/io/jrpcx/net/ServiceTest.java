package io.jrpcx.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServiceTest {

    @Test
    void parsesProtocolAndAddress() {
        Service s = Service.parse("SSL://electrum.example.com:50002");
        assertThat(s.protocol()).isEqualTo(Service.SSL);
        assertThat(s.address()).isEqualTo(NetAddress.of("electrum.example.com", 50002));
        assertThat(s.host()).isEqualTo(new HostName("electrum.example.com"));
        assertThat(s.port()).isEqualTo(50002);
        assertThat(s.isUnix()).isFalse();
        assertThat(s).hasToString("ssl://electrum.example.com:50002")
                .isEqualTo(Service.of("ssl", NetAddress.parse("electrum.example.com:50002")));
        assertThatThrownBy(s::path).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void knowsWhichProtocolsAreSecureOrWebSocket() {
        assertThat(Service.parse("tcp://a:1").isSecure()).isFalse();
        assertThat(Service.parse("ssl://a:1").isSecure()).isTrue();
        assertThat(Service.parse("tls://a:1").isSecure()).isTrue();
        assertThat(Service.parse("wss://a:1").isSecure()).isTrue();
        assertThat(Service.parse("wss://a:1").isWebSocket()).isTrue();
        assertThat(Service.parse("ws://a:1").isWebSocket()).isTrue();
        assertThat(Service.parse("ws://a:1").isSecure()).isFalse();
        assertThat(Service.parse("tcp://a:1").isWebSocket()).isFalse();
    }

    @Test
    void unixServicesHaveAPath() {
        Service s = Service.parse("unix:///run/app.sock");
        assertThat(s.isUnix()).isTrue();
        assertThat(s.path()).isEqualTo("/run/app.sock");
        assertThat(s).hasToString("unix:///run/app.sock").isEqualTo(Service.unix("/run/app.sock"));
        assertThat(Service.parse("UNIX://relative.sock").path()).isEqualTo("relative.sock");
        assertThatThrownBy(s::address).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Service.parse("unix://")).isInstanceOf(AddressException.class);
        assertThatThrownBy(() -> Service.unix("a\0b")).isInstanceOf(AddressException.class);
        assertThatThrownBy(() -> Service.of("unix", NetAddress.parse("a:1"))).isInstanceOf(AddressException.class);
    }

    @Test
    void defaultsMayDependOnTheProtocolAndSupplyIt() {
        AddressDefaults electrum = (protocol, part) -> switch (part) {
            case PROTOCOL -> "tcp";
            case HOST -> "localhost";
            case PORT -> protocol.equals("ssl") ? "50002" : "50001";
        };
        assertThat(Service.parse("ssl://example.com", electrum)).hasToString("ssl://example.com:50002");
        assertThat(Service.parse("example.com", electrum)).hasToString("tcp://example.com:50001");
        assertThat(Service.parse("tcp://", electrum)).hasToString("tcp://localhost:50001");
        AddressDefaults built = AddressDefaults.port(7).withProtocol("WSS");
        assertThat(Service.parse("[::1]", built)).hasToString("wss://[::1]:7");
        assertThat(Service.parse("unix.example", AddressDefaults.none().withProtocol("unix")))
                .isEqualTo(Service.unix("unix.example"));
    }

    @Test
    void errorsNameTheWrongPart() {
        assertPart("localhost:80", ServicePart.PROTOCOL);
        assertPart("a://h:1", ServicePart.PROTOCOL);
        assertPart("tcp://h", ServicePart.PORT);
        assertPart("tcp://:1", ServicePart.HOST);
        assertPart("tcp://h:1/path", ServicePart.PORT);
        assertThatThrownBy(() -> Service.of("1tcp", NetAddress.parse("a:1")))
                .isInstanceOfSatisfying(AddressException.class, e -> assertThat(e.part()).isEqualTo(ServicePart.PROTOCOL));
    }

    private static void assertPart(String text, ServicePart part) {
        assertThatThrownBy(() -> Service.parse(text))
                .isInstanceOfSatisfying(AddressException.class, e -> assertThat(e.part()).isEqualTo(part));
    }

    @Test
    void equalityFollowsProtocolAndAddress() {
        assertThat(Service.parse("TCP://[::1]:5")).isEqualTo(Service.parse("tcp://[0::1]:5"))
                .hasSameHashCodeAs(Service.parse("tcp://[0::1]:5"))
                .isNotEqualTo(Service.parse("ssl://[::1]:5"))
                .isNotEqualTo(Service.parse("tcp://[::1]:6"));
    }

    @Test
    void aWebSocketUrlMayHaveAPath() {
        Service s = Service.parse("ws://127.0.0.1:8080/rpc/v1?x=1");
        assertThat(s.address().toString()).isEqualTo("127.0.0.1:8080");
        assertThat(s.webSocketPath()).contains("/rpc/v1?x=1");
        assertThat(s).hasToString("ws://127.0.0.1:8080/rpc/v1?x=1").isEqualTo(Service.parse(s.toString()));
        assertThat(Service.parse("wss://[::1]:443/").webSocketPath()).contains("/");
        assertThat(Service.parse("ws://localhost:80").webSocketPath()).isEmpty();
        assertThat(Service.parseListening("ws://127.0.0.1:0/rpc").withAddress(NetAddress.parse("127.0.0.1:5", "ws",
                AddressDefaults.none(), false))).hasToString("ws://127.0.0.1:5/rpc");
        assertThatThrownBy(() -> Service.parse("tcp://127.0.0.1:80/rpc")).isInstanceOf(AddressException.class);
        assertThatThrownBy(() -> Service.parse("ws://127.0.0.1:80/a b")).isInstanceOf(AddressException.class)
                .hasMessageContaining("invalid WebSocket path");
    }

    @org.junit.jupiter.api.Test
    void httpUrlsKeepTheirPathAndHttpsIsSecure() {
        Service http = Service.parse("http://127.0.0.1:8332/wallet/a");
        org.assertj.core.api.Assertions.assertThat(http.isHttp()).isTrue();
        org.assertj.core.api.Assertions.assertThat(http.isSecure()).isFalse();
        org.assertj.core.api.Assertions.assertThat(http.urlPath()).contains("/wallet/a");
        org.assertj.core.api.Assertions.assertThat(http.toString()).isEqualTo("http://127.0.0.1:8332/wallet/a");
        Service https = Service.parse("https://localhost:8545");
        org.assertj.core.api.Assertions.assertThat(https.isSecure()).isTrue();
        org.assertj.core.api.Assertions.assertThat(https.urlPath()).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Service.parse("http://h:1/a b"))
                .hasMessageContaining("invalid URL path");
    }
}
