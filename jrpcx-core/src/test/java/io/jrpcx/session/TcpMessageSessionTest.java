package io.jrpcx.session;

/** The message-session suite over plain TCP on loopback. */
class TcpMessageSessionTest extends MessageSessionSuite {
    @Override
    protected String listenUrl() {
        return "tcp://127.0.0.1:0";
    }
}
