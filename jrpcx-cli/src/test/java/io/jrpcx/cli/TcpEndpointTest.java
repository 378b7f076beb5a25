package io.jrpcx.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class TcpEndpointTest {

    @Test
    void parsesHostAndPort() {
        assertThat(TcpEndpoint.parse("tcp://127.0.0.1:8000")).isEqualTo(InetSocketAddress.createUnresolved("127.0.0.1", 8000));
        assertThat(TcpEndpoint.parse("TCP://localhost:0")).isEqualTo(InetSocketAddress.createUnresolved("localhost", 0));
        assertThat(TcpEndpoint.parse("example.com:65535")).isEqualTo(InetSocketAddress.createUnresolved("example.com", 65535));
        assertThat(TcpEndpoint.parse("[::1]:80")).isEqualTo(InetSocketAddress.createUnresolved("::1", 80));
    }

    @Test
    void rejectsWhatIsNotHostAndPort() {
        for (String bad : new String[] {"", "127.0.0.1", "127.0.0.1:", ":80", "tcp://:80", "host:65536", "host:-1",
                "host:8x", "::1:80", "http://host:80", "host:1234567"}) {
            assertThatThrownBy(() -> TcpEndpoint.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void formatsForTheListeningLine() {
        assertThat(TcpEndpoint.format(new InetSocketAddress("127.0.0.1", 8000))).isEqualTo("tcp://127.0.0.1:8000");
        assertThat(TcpEndpoint.format(new InetSocketAddress("::1", 80))).isEqualTo("tcp://[0:0:0:0:0:0:0:1]:80");
    }
}
