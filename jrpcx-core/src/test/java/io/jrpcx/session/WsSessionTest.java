package io.jrpcx.session;

/** The session suite over WebSocket on loopback, on a path of its own. */
class WsSessionTest extends SessionTestSuite {
    @Override
    protected String listenUrl() {
        return "ws://127.0.0.1:0/rpc";
    }
}
