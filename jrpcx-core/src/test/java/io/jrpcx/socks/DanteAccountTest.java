package io.jrpcx.socks;

import io.jrpcx.socks.testing.RealProxy;
import java.io.IOException;
import java.util.List;

/** dante with its {@code username} method, checking a system account: SOCKS5 with a user name and password. */
class DanteAccountTest extends RealProxyContract {
    @Override
    RealProxy start() throws IOException {
        return RealProxy.dante(true);
    }

    @Override
    List<SocksProtocol> detectedProtocols() {
        // SOCKS4 cannot carry the account, so dante refuses it as it refuses SOCKS4a: both refusals count
        return list(SocksProtocol.SOCKS5, SocksProtocol.SOCKS4A, SocksProtocol.SOCKS4);
    }

    @Override
    boolean passesIpv6Loopback() {
        return false;
    }
}
