package io.jrpcx.session;

/** The session suite over WebSocket over TLS on loopback, with {@link TlsSessionTest}'s certificates. */
class WssSessionTest extends TlsSessionTest {
    @Override
    protected String listenUrl() {
        return "wss://localhost:0/";
    }
}
