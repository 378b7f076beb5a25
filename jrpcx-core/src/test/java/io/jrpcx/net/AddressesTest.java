package io.jrpcx.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AddressesTest {

    @Test
    void validatePortAcceptsOneTo65535() {
        assertThat(Addresses.validatePort(1)).isEqualTo(1);
        assertThat(Addresses.validatePort(65535)).isEqualTo(65535);
        for (int bad : new int[] {0, -1, 65536, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            assertThatThrownBy(() -> Addresses.validatePort(bad))
                    .isInstanceOfSatisfying(AddressException.class, e -> assertThat(e.part()).isEqualTo(ServicePart.PORT))
                    .hasMessageContaining(Integer.toString(bad));
        }
    }

    @Test
    void validatePortStringTakesOnlyAsciiDigitsAndNeverOverflows() {
        assertThat(Addresses.validatePort("0".repeat(1000) + "443")).isEqualTo(443);
        // Digits of other scripts, which some number parsers accept, are not port numbers here.
        assertThatThrownBy(() -> Addresses.validatePort("\u0668\u0660")).isInstanceOf(AddressException.class);
        assertThatThrownBy(() -> Addresses.validatePort("4294967376")).isInstanceOf(AddressException.class);
        assertThatThrownBy(() -> Addresses.validatePort("1".repeat(5000))).isInstanceOf(AddressException.class);
        assertThatThrownBy(() -> Addresses.validatePort("80\n")).isInstanceOf(AddressException.class);
    }

    @Test
    void validateProtocolRejectsATrailingNewline() {
        assertThat(Addresses.validateProtocol("Ws")).isEqualTo("ws");
        assertThatThrownBy(() -> Addresses.validateProtocol("ab\n"))
                .isInstanceOfSatisfying(AddressException.class, e -> assertThat(e.part()).isEqualTo(ServicePart.PROTOCOL))
                .hasMessageContaining("\\x0a");
    }

    @Test
    void hostnamesAreAsciiOnlyAndATrailingNewlineIsNotPartOfOne() {
        assertThat(Addresses.isValidHostname("a\n")).isFalse();
        assertThat(Addresses.isValidHostname("a\u0661")).isFalse();
        assertThat(Addresses.isValidHostname("K.example")).isTrue();
        assertThat(Addresses.isValidHostname("\u212A.example")).isFalse(); // Kelvin sign
    }

    @Test
    void classifyHostNamesTheHostInItsError() {
        assertThatThrownBy(() -> Addresses.classifyHost("bad host"))
                .isInstanceOfSatisfying(AddressException.class, e -> assertThat(e.part()).isEqualTo(ServicePart.HOST))
                .hasMessage("'bad host' is neither an IP address nor a valid hostname");
        assertThatThrownBy(() -> Addresses.classifyHost("x".repeat(1000)))
                .hasMessageEndingWith("...' is neither an IP address nor a valid hostname");
    }

    @Test
    void classifyHostGivesTheKindOfHost() {
        assertThat(Addresses.classifyHost("example.com")).isEqualTo(new HostName("example.com"));
        assertThat(Addresses.classifyHost("10.0.0.1")).isInstanceOfSatisfying(IpAddress.class,
                ip -> assertThat(ip.isIpv4()).isTrue());
        assertThat(Addresses.classifyHost("::1")).isInstanceOfSatisfying(IpAddress.class,
                ip -> assertThat(ip.isIpv6()).isTrue());
    }

    @Test
    void hostNamesCompareIgnoringCaseButKeepTheirSpelling() {
        HostName upper = new HostName("Example.COM");
        assertThat(upper).isEqualTo(new HostName("example.com")).hasSameHashCodeAs(new HostName("EXAMPLE.com"));
        assertThat(upper.toString()).isEqualTo("Example.COM");
        assertThat(upper).isNotEqualTo(new HostName("example.com."));
        assertThatThrownBy(() -> new HostName("1.2.3.4")).isInstanceOf(AddressException.class);
    }
}
