package io.jrpcx.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IpAddressTest {

    @Test
    void parsesIpv4() throws Exception {
        IpAddress ip = IpAddress.parse("192.168.0.255");
        assertThat(ip.isIpv4()).isTrue();
        assertThat(ip.isIpv6()).isFalse();
        assertThat(ip.toByteArray()).containsExactly(192, 168, 0, 255);
        assertThat(ip.scopeId()).isEmpty();
        assertThat(ip.toInetAddress()).isInstanceOf(Inet4Address.class)
                .isEqualTo(InetAddress.getByAddress(new byte[] {(byte) 192, (byte) 168, 0, (byte) 255}));
    }

    @Test
    void parsesIpv6WithEmbeddedIpv4AndScope() {
        IpAddress mapped = IpAddress.parse("::ffff:127.0.0.1");
        assertThat(mapped.isIpv6()).isTrue();
        assertThat(mapped.toByteArray()).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1);
        assertThat(mapped.toInetAddress()).isInstanceOf(Inet6Address.class);
        IpAddress scoped = IpAddress.parse("fe80::1%7");
        assertThat(scoped.scopeId()).contains("7");
        assertThat(((Inet6Address) scoped.toInetAddress()).getScopeId()).isEqualTo(7);
        assertThat(IpAddress.of(scoped.toInetAddress())).isEqualTo(scoped);
        assertThat(scoped).isNotEqualTo(IpAddress.parse("fe80::1"));
    }

    @Test
    void aZoneThatNamesNoInterfaceIsReportedWhenConverting() {
        IpAddress ip = IpAddress.parse("fe80::1%no-such-interface0");
        assertThat(ip.toString()).isEqualTo("fe80::1%no-such-interface0");
        assertThatThrownBy(ip::toInetAddress).isInstanceOf(AddressException.class)
                .hasMessageContaining("no-such-interface0");
    }

    @Test
    void zonesThatWouldBreakTheBracketedFormAreRejected() {
        for (String bad : new String[] {"::1%x y", "::1%x]", "::1%[", "::1%\u00e9", "::1%/", "::1%", "::1%a%b"}) {
            assertThat(IpAddress.tryParse(bad)).as(bad).isEmpty();
        }
        assertThat(IpAddress.tryParse("::1%eth0.5:a")).isPresent();
    }

    @Test
    void randomAddressesRoundTripThroughTextAndAgreeWithTheJdk() throws Exception {
        Random random = new Random(3);
        for (int i = 0; i < 5000; i++) {
            byte[] bytes = new byte[random.nextBoolean() ? 4 : 16];
            random.nextBytes(bytes);
            if (bytes.length == 16) {
                // Zero runs of varied lengths and places exercise the "::" choice.
                int from = random.nextInt(8);
                int to = from + random.nextInt(9 - from);
                for (int g = from; g < to; g++) {
                    bytes[2 * g] = 0;
                    bytes[2 * g + 1] = 0;
                }
            }
            InetAddress jdk = bytes.length == 4 ? InetAddress.getByAddress(bytes)
                    : Inet6Address.getByAddress(null, bytes, -1);
            IpAddress ip = IpAddress.of(jdk);
            String text = ip.toString();
            assertThat(IpAddress.parse(text)).as(text).isEqualTo(ip);
            assertThat(IpAddress.parse(jdk.getHostAddress())).as(jdk.getHostAddress()).isEqualTo(ip);
            assertThat(ip.toInetAddress()).isEqualTo(jdk);
            assertThat(ip.toByteArray()).isEqualTo(bytes);
            if (ip.isIpv6()) {
                assertThat(text).doesNotContain(":::").doesNotContainPattern("(^|:)0[0-9a-f]")
                        .isEqualTo(text.toLowerCase(java.util.Locale.ROOT));
            }
        }
    }

    @Test
    void byteArrayIsACopy() {
        IpAddress ip = IpAddress.parse("1.2.3.4");
        ip.toByteArray()[0] = 9;
        assertThat(ip.toString()).isEqualTo("1.2.3.4");
    }

    @Test
    void parseRejectsWhatIsNotALiteral() {
        assertThatThrownBy(() -> IpAddress.parse("example.com"))
                .isInstanceOfSatisfying(AddressException.class, e -> assertThat(e.part()).isEqualTo(ServicePart.HOST));
        assertThat(IpAddress.tryParse("[::1]")).isEmpty();
        assertThat(IpAddress.tryParse("")).isEmpty();
    }
}
