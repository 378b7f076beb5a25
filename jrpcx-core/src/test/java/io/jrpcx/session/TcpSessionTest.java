package io.jrpcx.session;

/** The session suite over plain TCP on loopback. */
class TcpSessionTest extends SessionTestSuite {
    @Override
    protected String listenUrl() {
        return "tcp://127.0.0.1:0";
    }
}
