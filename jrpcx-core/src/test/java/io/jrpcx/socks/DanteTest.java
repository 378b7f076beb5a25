package io.jrpcx.socks;

import io.jrpcx.socks.testing.RealProxy;
import java.io.IOException;
import java.util.List;

/**
 * dante without authentication: SOCKS4 and SOCKS5. It answers a SOCKS4a request as a SOCKS4 one, with
 * a refusal, and grants SOCKS4 the same destination: detection sees it does not speak SOCKS4a.
 */
class DanteTest extends RealProxyContract {
    @Override
    RealProxy start() throws IOException {
        return RealProxy.dante(false);
    }

    @Override
    List<SocksProtocol> detectedProtocols() {
        return list(SocksProtocol.SOCKS5, SocksProtocol.SOCKS4);
    }

    @Override
    boolean passesIpv6Loopback() {
        return false;
    }
}
