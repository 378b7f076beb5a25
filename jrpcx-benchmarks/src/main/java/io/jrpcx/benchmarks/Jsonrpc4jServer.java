package io.jrpcx.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.googlecode.jsonrpc4j.JsonRpcBasicServer;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plain Java server jrpcx is measured against: jsonrpc4j wired the way a user would, with a
 * {@link ServerSocket}, one platform thread per connection and a line loop. Each line goes to
 * {@link JsonRpcBasicServer#handleRequest}, which writes the response line (or nothing, for a
 * notification); the output is flushed when the input is drained. Serves {@code echo(message)} and
 * {@code sum(numbers...)} like {@code jrpcx serve}, batches included, on 127.0.0.1, and prints
 * {@code listening tcp://127.0.0.1:PORT} once it accepts connections.
 *
 * <pre>{@code
 * java -cp jrpcx-benchmarks/target/jrpcx-benchmarks.jar io.jrpcx.benchmarks.Jsonrpc4jServer 0
 * }</pre>
 */
public final class Jsonrpc4jServer implements AutoCloseable {
    /** Enough for a thousand connections arriving at once without a SYN retry. */
    private static final int BACKLOG = 1024;
    private static final int BUFFER = 1 << 16;

    private final ServerSocket listener;
    private final JsonRpcBasicServer rpc;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private Jsonrpc4jServer(ServerSocket listener) {
        this.listener = listener;
        this.rpc = new JsonRpcBasicServer(new ObjectMapper(), new Methods(), Service.class);
    }

    /** Listens on 127.0.0.1:{@code port} (0 for any free port) and accepts on a platform thread. */
    public static Jsonrpc4jServer start(int port) throws IOException {
        ServerSocket listener = new ServerSocket();
        try {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), BACKLOG);
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        Jsonrpc4jServer server = new Jsonrpc4jServer(listener);
        Thread.ofPlatform().name("jsonrpc4j-accept").start(server::acceptLoop);
        return server;
    }

    /** The port listened on. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Stops accepting and closes every open connection. */
    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : open) {
            socket.close();
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Jsonrpc4jServer server = start(args.length > 0 ? Integer.parseInt(args[0]) : 0);
        System.out.println("listening tcp://127.0.0.1:" + server.port());
        Thread.currentThread().join();
    }

    private void acceptLoop() {
        long count = 0;
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
                throw new UncheckedIOException(e);
            }
            open.add(socket);
            Thread.ofPlatform().name("jsonrpc4j-" + count++).start(() -> serve(socket));
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8), BUFFER);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), BUFFER);
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    rpc.handleRequest(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)), out);
                }
                if (!in.ready()) {
                    out.flush();
                }
            }
            out.flush();
        } catch (IOException e) {
            // the peer went away: nothing left to answer
        } finally {
            open.remove(socket);
        }
    }

    /** The methods served, as jsonrpc4j finds them: by reflection on this interface. */
    public interface Service {
        /** Returns its argument. */
        Object echo(Object message);

        /** Adds numbers: integers exactly, and as binary floating point once a non-integer appears. */
        Number sum(Number... numbers);
    }

    /** The implementation of {@link Service}. */
    public static final class Methods implements Service {
        @Override
        public Object echo(Object message) {
            return message;
        }

        @Override
        public Number sum(Number... numbers) {
            BigInteger exact = BigInteger.ZERO;
            double inexact = 0;
            boolean floating = false;
            for (Number n : numbers) {
                boolean integral = n instanceof Integer || n instanceof Long || n instanceof BigInteger
                        || n instanceof Short || n instanceof Byte;
                if (integral && !floating) {
                    exact = exact.add(n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue()));
                    continue;
                }
                if (!floating) {
                    inexact = exact.doubleValue();
                    floating = true;
                }
                inexact += n instanceof BigDecimal d ? d.doubleValue() : n.doubleValue();
            }
            return floating ? inexact : exact;
        }
    }
}
