package io.jrpcx.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks jrpcx against a table of results observed from the reference implementation. */
class ObservedResultsTest {

    static List<Arguments> rows() throws IOException {
        List<Arguments> rows = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(
                        ObservedResultsTest.class.getResourceAsStream("observed-results.txt"));
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split(" \\| ", -1);
                assertThat(fields).as(line).hasSize(3);
                rows.add(Arguments.of(fields[0], fields[1], fields[2]));
            }
        }
        return rows;
    }

    @Test
    void tableCoversEveryKind() throws IOException {
        assertThat(rows()).hasSizeGreaterThan(200)
                .extracting(a -> a.get()[0])
                .contains("port", "protocol", "hostname", "host", "address", "address-default-port",
                        "address-default-host", "address-default-both", "service", "service-defaults");
    }

    @ParameterizedTest(name = "{0} \"{1}\" -> {2}")
    @MethodSource("rows")
    void matchesObservedResult(String kind, String input, String expected) {
        Function<String, Object> operation = switch (kind) {
            case "port" -> Addresses::validatePort;
            case "protocol" -> Addresses::validateProtocol;
            case "hostname" -> Addresses::isValidHostname;
            case "host" -> ObservedResultsTest::classify;
            case "address" -> NetAddress::parse;
            case "address-default-port" -> s -> NetAddress.parse(s, AddressDefaults.port(50001));
            case "address-default-host" -> s -> NetAddress.parse(s, AddressDefaults.host("example.com"));
            case "address-default-both" -> s -> NetAddress.parse(s, AddressDefaults.hostAndPort("example.com", 1));
            case "service" -> Service::parse;
            case "service-defaults" -> s -> Service.parse(s, (protocol, part) -> switch (part) {
                case PROTOCOL -> null;
                case HOST -> "dh";
                case PORT -> protocol.equals("tcp") ? "7" : "8";
            });
            default -> throw new AssertionError("unknown kind " + kind);
        };
        String actual;
        try {
            actual = String.valueOf(operation.apply(input));
        } catch (AddressException e) {
            assertThat(e.getMessage()).isNotBlank();
            actual = "!";
        }
        assertThat(actual).isEqualTo(expected);
        if (!expected.equals("!") && kind.startsWith("address")) {
            assertThat(NetAddress.parse(actual).toString()).as("round trip").isEqualTo(actual);
        }
        if (!expected.equals("!") && kind.startsWith("service")) {
            assertThat(Service.parse(actual).toString()).as("round trip").isEqualTo(actual);
        }
    }

    private static String classify(String host) {
        return switch (Addresses.classifyHost(host)) {
            case IpAddress ip -> (ip.isIpv4() ? "ipv4 " : "ipv6 ") + ip;
            case HostName name -> "name " + name;
        };
    }
}
