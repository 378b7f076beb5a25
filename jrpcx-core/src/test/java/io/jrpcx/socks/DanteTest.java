package io.jrpcx.socks;

import io.jrpcx.socks.testing.RealProxy;
import java.io.IOException;
import java.util.List;

/** dante without authentication: SOCKS4 and SOCKS5; it answers SOCKS4a requests as SOCKS4 ones, with a refusal. */
class DanteTest extends RealProxyContract {
    @Override
    RealProxy start() throws IOException {
        return RealProxy.dante(false);
    }

    @Override
    List<SocksProtocol> detectedProtocols() {
        // a refusal counts as an answer, and dante refuses the SOCKS4a request (it takes 0.0.0.1 as the destination)
        return list(SocksProtocol.SOCKS5, SocksProtocol.SOCKS4A, SocksProtocol.SOCKS4);
    }

    @Override
    boolean passesIpv6Loopback() {
        return false;
    }
}
