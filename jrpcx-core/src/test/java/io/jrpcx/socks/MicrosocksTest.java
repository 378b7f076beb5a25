package io.jrpcx.socks;

import io.jrpcx.socks.testing.RealProxy;
import java.io.IOException;
import java.util.List;

/** microsocks without credentials: SOCKS5 only; it answers SOCKS4 with a SOCKS5 reply. */
class MicrosocksTest extends RealProxyContract {
    @Override
    RealProxy start() throws IOException {
        return RealProxy.microsocks(null);
    }

    @Override
    List<SocksProtocol> detectedProtocols() {
        return list(SocksProtocol.SOCKS5);
    }
}
