package io.jrpcx.socks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jrpcx.net.NetAddress;
import io.jrpcx.socks.SocksProxy.Resolution;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The proxy object: its URLs, builder, text and the destinations it asks for. */
class SocksProxyTest {
    private static final NetAddress LOCAL_1080 = NetAddress.of("127.0.0.1", 1080);

    @ParameterizedTest
    @CsvSource({
            "socks4://127.0.0.1:1080, SOCKS4, LOCAL",
            "socks4a://127.0.0.1:1080, SOCKS4A, PROXY",
            "socks5://127.0.0.1:1080, SOCKS5, LOCAL",
            "socks5h://127.0.0.1:1080, SOCKS5, PROXY",
            "SOCKS5H://127.0.0.1:1080/, SOCKS5, PROXY"})
    void urlSchemesMeanWhatTheyMeanToCurl(String url, SocksProtocol protocol, Resolution resolution) {
        SocksProxy p = SocksProxy.parse(url);
        assertThat(p.address()).isEqualTo(LOCAL_1080);
        assertThat(p.protocol()).isEqualTo(protocol);
        assertThat(p.resolution()).isEqualTo(resolution);
        assertThat(p.auth()).isEqualTo(SocksAuth.none());
    }

    @Test
    void urlsCarryCredentialsHostsAndDefaultPort() {
        SocksProxy p = SocksProxy.parse("socks5h://alice:s%3Acr%40t%20%C3%A9@[::1]:9050");
        assertThat(p.auth()).isEqualTo(SocksAuth.user("alice", "s:cr@t é"));
        assertThat(p.address()).isEqualTo(NetAddress.of("::1", 9050));
        assertThat(SocksProxy.parse("socks5://user:pa:ss@localhost").address()).isEqualTo(NetAddress.of("localhost", 1080));
        assertThat(SocksProxy.parse("socks5://user:pa:ss@localhost").auth()).isEqualTo(SocksAuth.user("user", "pa:ss"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1:1080| not a proxy URL",
            "http://127.0.0.1:1080| unknown proxy scheme http://",
            "socks6://127.0.0.1:1080| unknown proxy scheme socks6://",
            "socks5://127.0.0.1:1080/path| no path, query or fragment",
            "socks5://alice@127.0.0.1:1080| USER:PASSWORD@",
            "socks5://:pw@127.0.0.1:1080| user name must be 1 to 255 bytes",
            "socks5://alice:@127.0.0.1:1080| password must be 1 to 255 bytes",
            "socks5://a:b%4@127.0.0.1:1080| bad percent escape",
            "socks5://::1:1080| bad proxy address",
            "socks5://127.0.0.1:99999| bad proxy address"})
    void badUrlsAreRefusedClearly(String url, String message) {
        assertThatThrownBy(() -> SocksProxy.parse(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void textNeverShowsAPassword() {
        SocksProxy p = SocksProxy.parse("socks5://alice:secret@127.0.0.1:1080");
        assertThat(p.toString()).isEqualTo("SOCKS5 proxy at 127.0.0.1:1080, auth: user alice, resolving locally")
                .doesNotContain("secret");
        assertThat(SocksAuth.user("alice", "secret").toString()).doesNotContain("secret");
        assertThatThrownBy(() -> SocksProxy.parse("socks5://alice@127.0.0.1:1080"))
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> SocksProxy.parse("socks5://alice:secret@127.0.0.1:99999"))
                .hasMessageNotContaining("secret");
    }

    @Test
    void builderDefaultsAndToBuilder() {
        SocksProxy p = SocksProxy.builder(LOCAL_1080).build();
        assertThat(p.protocol()).isEqualTo(SocksProtocol.SOCKS5);
        assertThat(p.auth()).isEqualTo(SocksAuth.none());
        assertThat(p.resolution()).as("the proxy resolves by default").isEqualTo(Resolution.PROXY);
        assertThat(p.toString()).isEqualTo("SOCKS5 proxy at 127.0.0.1:1080, auth: none");
        SocksProxy q = p.toBuilder().protocol(SocksProtocol.SOCKS4A).auth(SocksAuth.random()).build();
        assertThat(q).isNotEqualTo(p);
        assertThat(q.toBuilder().build()).isEqualTo(q).hasSameHashCodeAs(q);
        assertThat(q.toString()).isEqualTo("SOCKS4a proxy at 127.0.0.1:1080, auth: random");
        assertThat(p).isEqualTo(SocksProxy.of(LOCAL_1080, SocksProtocol.SOCKS5, SocksAuth.none()));
    }

    @Test
    void destinationsFollowTheResolution() throws UnknownHostException {
        SocksProxy remote = SocksProxy.of(LOCAL_1080, SocksProtocol.SOCKS5, SocksAuth.none());
        assertThat(remote.destinations("example.invalid")).containsExactly("example.invalid");
        assertThat(remote.destinations("[::1]")).containsExactly("[::1]");
        SocksProxy local = remote.toBuilder().resolution(Resolution.LOCAL).build();
        assertThat(local.destinations("localhost")).contains("127.0.0.1").allMatch(h -> h.equals("127.0.0.1")
                || h.equals("::1"));
        assertThat(local.destinations("10.0.0.1")).containsExactly("10.0.0.1");
        SocksProxy socks4 = local.toBuilder().protocol(SocksProtocol.SOCKS4).build();
        assertThat(socks4.destinations("localhost")).containsExactly("127.0.0.1");
        assertThatThrownBy(() -> socks4.toBuilder().resolution(Resolution.PROXY).build().destinations("localhost"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SOCKS4 cannot ask the proxy to resolve");
        assertThatThrownBy(() -> local.destinations("no-such-host.invalid")).isInstanceOf(UnknownHostException.class);
    }

    @Test
    void protocolNames() {
        assertThat(SocksProtocol.fromName("SOCKS4a")).isEqualTo(SocksProtocol.SOCKS4A);
        assertThat(SocksProtocol.SOCKS4A.displayName()).isEqualTo("socks4a");
        assertThatThrownBy(() -> SocksProtocol.fromName("socks6")).isInstanceOf(IllegalArgumentException.class);
    }
}
