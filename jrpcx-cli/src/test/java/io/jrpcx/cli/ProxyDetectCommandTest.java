package io.jrpcx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jrpcx.socks.testing.LoopbackEcho;
import io.jrpcx.socks.testing.RealProxy;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code jrpcx proxy-detect}, run in-process against dante, microsocks and {@code ssh -D} on loopback. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyDetectCommandTest {
    private LoopbackEcho echo;
    private RealProxy dante;
    private RealProxy microsocks;
    private RealProxy ssh;
    private String probe;

    @BeforeAll
    void start() throws IOException {
        echo = LoopbackEcho.start();
        probe = echo.address().toString();
        dante = RealProxy.dante(false);
        microsocks = RealProxy.microsocks(null);
        ssh = RealProxy.sshDynamic();
    }

    @AfterAll
    void stop() throws IOException {
        for (AutoCloseable c : new AutoCloseable[] {ssh, microsocks, dante, echo}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }

    private static CliTest.Run detect(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "proxy-detect";
        System.arraycopy(args, 0, full, 1, args.length);
        return CliTest.run(full);
    }

    @Test
    void printsTheFirstProtocolThatAnswers() {
        for (RealProxy p : new RealProxy[] {dante, microsocks, ssh}) {
            assertThat(detect(p.address().toString(), "--probe", probe)).as("%s", p)
                    .isEqualTo(new CliTest.Run(0, "socks5\n", ""));
        }
        // a proxy given by name is looked for at each of its addresses
        assertThat(detect("localhost:" + microsocks.address().port(), "--probe", probe))
                .isEqualTo(new CliTest.Run(0, "socks5\n", ""));
    }

    @Test
    void allPrintsEveryProtocolThatAnswers() {
        // dante refuses SOCKS4a but grants SOCKS4 the same destination; microsocks answers SOCKS4 with a SOCKS5 reply
        assertThat(detect(dante.address().toString(), "--probe", probe, "--all").out())
                .isEqualTo("socks5 socks4\n");
        assertThat(detect(microsocks.address().toString(), "--probe", probe, "--all").out()).isEqualTo("socks5\n");
        assertThat(detect(ssh.address().toString(), "--probe", probe, "--all").out())
                .isEqualTo("socks5 socks4a socks4\n");
    }

    @Test
    void anIpv6ProbeIsUsedWhereTheProtocolCarriesIt() throws IOException {
        try (LoopbackEcho v6 = LoopbackEcho.startOn("::1")) {
            String probe6 = v6.address().toString();
            assertThat(probe6).startsWith("[::1]:");
            // SOCKS4 cannot carry ::1: its probe goes to a listener of the command's own on 127.0.0.1
            assertThat(detect(ssh.address().toString(), "--probe", probe6, "--all").out())
                    .isEqualTo("socks5 socks4a socks4\n");
            assertThat(detect(microsocks.address().toString(), "--probe", probe6, "--all").out()).isEqualTo("socks5\n");
            // dante's rules pass 127.0.0.0/8 only: it refuses ::1, and a refusal is an answer
            assertThat(detect(dante.address().toString(), "--probe", probe6, "--all").out()).isEqualTo("socks5 socks4\n");
        }
    }

    @Test
    void withoutAProbeItUsesAListenerOfItsOwn() {
        assertThat(detect(ssh.address().toString(), "--all")).isEqualTo(new CliTest.Run(0, "socks5 socks4a socks4\n", ""));
        assertThat(detect(microsocks.address().toString())).isEqualTo(new CliTest.Run(0, "socks5\n", ""));
    }

    @Test
    void severalAddressesEachGetALineStartingWithTheAddress() throws IOException {
        String nothing = "127.0.0.1:" + RealProxy.freePort();
        CliTest.Run run = detect(dante.address().toString(), nothing, ssh.address().toString(),
                echo.address().toString(), "--probe", probe, "--timeout", "2");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo(dante.address() + " socks5\n" + nothing + " none\n"
                + ssh.address() + " socks5\n" + echo.address() + " none\n");
    }

    @Test
    void noProxyAnywhereExitsOne() throws IOException {
        String nothing = "127.0.0.1:" + RealProxy.freePort();
        assertThat(detect(nothing, "--probe", probe)).isEqualTo(new CliTest.Run(1, "none\n", ""));
        // an echo server is not a proxy: it sends the request back, which no reply may start with
        assertThat(detect(echo.address().toString(), "--all", "--timeout", "1")).isEqualTo(new CliTest.Run(1, "none\n", ""));
    }

    @Test
    void badUsageExitsTwo() {
        assertThat(detect().exit()).isEqualTo(2);
        CliTest.Run bad = detect("127.0.0.1");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("HOST:PORT '127.0.0.1'");
        assertThat(detect("127.0.0.1:1080", "--timeout", "0").exit()).isEqualTo(2);
        assertThat(detect("127.0.0.1:1080", "--probe", "nowhere").exit()).isEqualTo(2);
    }
}
