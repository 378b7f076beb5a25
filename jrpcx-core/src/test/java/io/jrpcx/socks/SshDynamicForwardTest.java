package io.jrpcx.socks;

import io.jrpcx.socks.testing.RealProxy;
import java.io.IOException;
import java.util.List;

/** {@code ssh -D} to a private sshd: SOCKS4, SOCKS4a and SOCKS5. */
class SshDynamicForwardTest extends RealProxyContract {
    @Override
    RealProxy start() throws IOException {
        return RealProxy.sshDynamic();
    }

    @Override
    List<SocksProtocol> detectedProtocols() {
        return list(SocksProtocol.SOCKS5, SocksProtocol.SOCKS4A, SocksProtocol.SOCKS4);
    }
}
