package io.jrpcx.socks;

import io.jrpcx.socks.testing.RealProxy;
import java.io.IOException;
import java.util.List;

/** microsocks with {@code -u} and {@code -P}: SOCKS5 with a user name and password. */
class MicrosocksAccountTest extends RealProxyContract {
    @Override
    RealProxy start() throws IOException {
        return RealProxy.microsocks(SocksAuth.user("jrpcx", "micro-pw"));
    }

    @Override
    List<SocksProtocol> detectedProtocols() {
        return list(SocksProtocol.SOCKS5);
    }
}
