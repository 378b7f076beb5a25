package io.jrpcx.benchmarks;

import io.jrpcx.net.Service;
import io.jrpcx.transport.MessageTransport;
import io.jrpcx.transport.TransportListener;
import io.jrpcx.transport.TransportOptions;
import io.jrpcx.transport.TransportServer;
import io.jrpcx.transport.Transports;
import org.jspecify.annotations.Nullable;

/**
 * jrpcx's transport with no JSON work: echoes each line back. Measures the transport's own ceiling,
 * to compare with a JSON-RPC server on the same transport.
 *
 * <pre>{@code
 * java -cp jrpcx-benchmarks/target/jrpcx-benchmarks.jar io.jrpcx.benchmarks.LineEchoServer 18003
 * }</pre>
 */
public final class LineEchoServer {
    private LineEchoServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        TransportServer server = Transports.serve(Service.parseListening("tcp://127.0.0.1:" + port),
                Echo::new, TransportOptions.defaults());
        System.out.println("listening " + server.service());
        Thread.currentThread().join();
    }

    private static final class Echo implements TransportListener {
        private @Nullable MessageTransport transport;

        @Override
        public void onOpen(MessageTransport t) {
            transport = t;
        }

        @Override
        public void onMessage(byte[] message) {
            if (transport != null) {
                transport.send(message);
            }
        }

        @Override
        public void onInputClosed() {
            if (transport != null) {
                transport.close();
            }
        }

        @Override
        public void onClosed(@Nullable Throwable cause) {
        }
    }
}
