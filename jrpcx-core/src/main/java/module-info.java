/**
 * jrpcx: asynchronous JSON-RPC for the JVM. See the README for an overview.
 */
module io.jrpcx {
    requires transitive com.fasterxml.jackson.databind;
    requires transitive org.jspecify;
    requires org.slf4j;
    requires io.netty.common;
    requires io.netty.buffer;
    requires io.netty.transport;
    requires io.netty.handler;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.codec.compression;
    requires io.netty.transport.classes.epoll;
    requires io.netty.transport.unix.common;

    exports io.jrpcx.concurrent;
    exports io.jrpcx.framing;
    exports io.jrpcx.jsonrpc;
    exports io.jrpcx.net;
    exports io.jrpcx.session;
    exports io.jrpcx.socks;
    exports io.jrpcx.transport;
}
