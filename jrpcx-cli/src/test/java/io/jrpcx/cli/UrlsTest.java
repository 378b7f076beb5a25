package io.jrpcx.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jrpcx.net.AddressException;
import io.jrpcx.net.NetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The command parses addresses with the library's one parser; a bare HOST:PORT means TCP. */
class UrlsTest {

    @Test
    void parsesUrlsAndBareAddresses() {
        assertThat(Urls.connectTo("tcp://127.0.0.1:8000").toString()).isEqualTo("tcp://127.0.0.1:8000");
        assertThat(Urls.connectTo("TCP://localhost:80").toString()).isEqualTo("tcp://localhost:80");
        assertThat(Urls.connectTo("example.com:65535").toString()).isEqualTo("tcp://example.com:65535");
        assertThat(Urls.connectTo("[::1]:80").toString()).isEqualTo("tcp://[::1]:80");
        assertThat(Urls.listenOn("127.0.0.1:0").port()).isEqualTo(NetAddress.ANY_PORT);
    }

    @Test
    void rejectsWhatIsNotAnAddress() {
        for (String bad : new String[] {"", "127.0.0.1", "127.0.0.1:", ":80", "tcp://:80", "host:65536", "host:-1",
                "host:8x", "::1:80", "gopher://host:80", "host:1234567", "host:0"}) {
            assertThatThrownBy(() -> Urls.connectTo(bad)).as(bad).isInstanceOf(AddressException.class);
        }
        assertThatThrownBy(() -> Urls.listenOn("gopher://127.0.0.1:0"))
                .isInstanceOf(AddressException.class).hasMessageContaining("unsupported scheme 'gopher'");
    }

    @Test
    void describesPeersAsHostAndPort() {
        assertThat(Urls.describe(new InetSocketAddress("127.0.0.1", 8000))).isEqualTo("127.0.0.1:8000");
        assertThat(Urls.describe(new InetSocketAddress("::1", 80))).isEqualTo("[::1]:80");
    }

    @Test
    void listenerOptionsTakeTheirOwnScheme() {
        assertThat(Urls.listenOn("127.0.0.1:0", "tls").toString()).isEqualTo("tls://127.0.0.1:0");
        assertThat(Urls.listenOn("ssl://127.0.0.1:0", "tls").protocol()).isEqualTo("ssl");
        assertThat(Urls.listenOn("127.0.0.1:8080/rpc", "ws").toString()).isEqualTo("ws://127.0.0.1:8080/rpc");
        assertThat(Urls.listenOn("[::1]:0", "wss").toString()).isEqualTo("wss://[::1]:0");
        assertThat(Urls.listenOn("/run/a.sock", "unix").path()).isEqualTo("/run/a.sock");
        assertThat(Urls.listenOn("unix:///run/a.sock", "unix").path()).isEqualTo("/run/a.sock");
        assertThatThrownBy(() -> Urls.listenOn("tcp://127.0.0.1:0", "tls"))
                .isInstanceOf(AddressException.class).hasMessageContaining("a tls listener, not tcp://");
        assertThat(Urls.connectTo("unix:///run/a.sock").path()).isEqualTo("/run/a.sock");
        assertThat(Urls.connectTo("wss://localhost:443/rpc").webSocketPath()).contains("/rpc");
    }

    @Test
    void describesAnUnnamedUnixPeer() {
        assertThat(Urls.describe(new io.netty.channel.unix.DomainSocketAddress(""))).isEqualTo("a Unix socket peer");
    }

    @org.junit.jupiter.api.Test
    void httpUrlsTakeTheirDefaultPortsAndRefuseCredentials() {
        org.assertj.core.api.Assertions.assertThat(Urls.connectTo("http://127.0.0.1/rpc").toString())
                .isEqualTo("http://127.0.0.1:80/rpc");
        org.assertj.core.api.Assertions.assertThat(Urls.connectTo("https://localhost").port()).isEqualTo(443);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Urls.connectTo("tcp://127.0.0.1"))
                .isInstanceOf(io.jrpcx.net.AddressException.class);
        org.assertj.core.api.Assertions.assertThat(Urls.hasUserInfo("http://a:b@h:1/x")).isTrue();
        org.assertj.core.api.Assertions.assertThat(Urls.hasUserInfo("http://h:1/x@y")).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Urls.Target().convert("http://a:b@h:1/"))
                .hasMessageContaining("--user");
    }
}
