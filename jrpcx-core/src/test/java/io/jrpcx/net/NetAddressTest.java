package io.jrpcx.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class NetAddressTest {

    @Test
    void ofClassifiesTheHost() {
        NetAddress a = NetAddress.of("::1", 50001);
        assertThat(a.host()).isEqualTo(IpAddress.parse("0::1"));
        assertThat(a.port()).isEqualTo(50001);
        assertThat(a).hasToString("[::1]:50001").isEqualTo(NetAddress.parse("[0:0::1]:50001"));
        assertThat(NetAddress.of("example.com", 1).host()).isEqualTo(new HostName("example.com"));
    }

    @Test
    void parseNamesTheWrongPart() {
        assertPart("localhost", ServicePart.PORT, "no port in address 'localhost'");
        assertPart(":80", ServicePart.HOST, "no host in address ':80'");
        assertPart("[::1", ServicePart.HOST, "missing ']'");
        assertPart("[::1]80", ServicePart.PORT, "expected ':' after ']'");
        assertPart("::1:80", ServicePart.HOST, "brackets");
        assertPart("a:0", ServicePart.PORT, "invalid port");
        assertPart("a b:1", ServicePart.HOST, "'a b'");
    }

    private static void assertPart(String text, ServicePart part, String message) {
        assertThatThrownBy(() -> NetAddress.parse(text))
                .isInstanceOfSatisfying(AddressException.class, e -> assertThat(e.part()).isEqualTo(part))
                .hasMessageContaining(message);
    }

    @Test
    void defaultsFillOnlyMissingPartsAndAreValidated() {
        AddressDefaults both = AddressDefaults.hostAndPort("::1", 9);
        assertThat(NetAddress.parse("", both)).hasToString("[::1]:9");
        assertThat(NetAddress.parse("h:1", both)).hasToString("h:1");
        assertThat(NetAddress.parse("h", (protocol, part) -> {
            assertThat(protocol).isEmpty();
            return part == ServicePart.PORT ? "0080" : null;
        })).hasToString("h:80");
        assertThatThrownBy(() -> NetAddress.parse("h", (protocol, part) -> "x"))
                .isInstanceOfSatisfying(AddressException.class, e -> assertThat(e.part()).isEqualTo(ServicePart.PORT));
        assertThatThrownBy(() -> AddressDefaults.port(0)).isInstanceOf(AddressException.class);
        assertThatThrownBy(() -> AddressDefaults.host("bad host")).isInstanceOf(AddressException.class);
    }

    @Test
    void toInetSocketAddressNeverLooksUp() throws Exception {
        InetSocketAddress unresolved = NetAddress.parse("host.invalid:80").toInetSocketAddress();
        assertThat(unresolved.isUnresolved()).isTrue();
        assertThat(unresolved.getHostString()).isEqualTo("host.invalid");
        InetSocketAddress resolved = NetAddress.parse("127.0.0.1:81").toInetSocketAddress();
        assertThat(resolved.isUnresolved()).isFalse();
        assertThat(resolved.getAddress()).isEqualTo(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
        assertThat(resolved.getPort()).isEqualTo(81);
    }

    @Test
    void ofInetSocketAddressRoundTrips() {
        for (String text : new String[] {"127.0.0.1:5", "[::1]:6", "[::ffff:102:304]:7", "example.com:8"}) {
            NetAddress address = NetAddress.parse(text);
            assertThat(NetAddress.of(address.toInetSocketAddress())).isEqualTo(address).hasToString(text);
        }
        // port 0 is a listener's "any free port"; parsed text still refuses it, as aiorpcX does
        assertThat(NetAddress.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).port())
                .isEqualTo(NetAddress.ANY_PORT);
        assertThatThrownBy(() -> NetAddress.parse("127.0.0.1:0")).isInstanceOf(AddressException.class);
        assertThatThrownBy(() -> Service.parse("tcp://127.0.0.1:0")).isInstanceOf(AddressException.class);
        assertThat(Service.parseListening("tcp://127.0.0.1:0").port()).isEqualTo(NetAddress.ANY_PORT);
        assertThatThrownBy(() -> Service.parseListening("tcp://127.0.0.1:65536")).isInstanceOf(AddressException.class);
    }

    @Test
    void hostnameCaseIsKeptButIgnoredByEquality() {
        NetAddress a = NetAddress.parse("Example.COM:443");
        assertThat(a).hasToString("Example.COM:443").isEqualTo(NetAddress.parse("example.com:443"));
        assertThat(a.hashCode()).isEqualTo(NetAddress.parse("EXAMPLE.com:443").hashCode());
        assertThat(a).isNotEqualTo(NetAddress.parse("example.com:444"));
    }

    @Test
    void constructorValidatesThePort() {
        Host host = new HostName("a");
        assertThatThrownBy(() -> new NetAddress(host, 65536)).isInstanceOf(AddressException.class);
        assertThat(new NetAddress(host, 65535).port()).isEqualTo(65535);
    }
}
