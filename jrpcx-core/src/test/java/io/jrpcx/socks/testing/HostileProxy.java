package io.jrpcx.socks.testing;

import io.jrpcx.net.NetAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A fake SOCKS proxy on 127.0.0.1 that plays a script to the first client that connects: read so
 * many bytes, write these bytes, close; once the script ends it keeps the connection open, reading,
 * and records whether and when the client closed it. For the malformed and hostile replies no real
 * proxy sends.
 *
 * <pre>{@code
 * try (HostileProxy fake = HostileProxy.start(read(3), write("05 00"), read(10), write("06 00"), hangUp())) {
 *     ...
 *     assertThat(fake.awaitClientClosed()).isTrue();
 * }
 * }</pre>
 */
public final class HostileProxy implements AutoCloseable {
    /** One step of a script. */
    public sealed interface Step permits Read, Write, Close {
    }

    /** Reads exactly {@code count} bytes from the client. */
    public record Read(int count) implements Step {
    }

    /** Writes {@code bytes} to the client. */
    public record Write(byte[] bytes) implements Step {
    }

    /** Closes the connection. */
    public record Close() implements Step {
    }

    public static Step read(int count) {
        return new Read(count);
    }

    /** Writes bytes given in hexadecimal, spaces allowed. */
    public static Step write(String hex) {
        return new Write(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    public static Step write(byte[] bytes) {
        return new Write(bytes);
    }

    public static Step hangUp() {
        return new Close();
    }

    private final ServerSocket server;
    private final List<List<Step>> scripts;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CompletableFuture<Boolean> clientClosed = new CompletableFuture<>();
    private final CompletableFuture<Void> allDone = new CompletableFuture<>();
    private final java.util.List<String> conversations = new java.util.concurrent.CopyOnWriteArrayList<>();

    private HostileProxy(ServerSocket server, List<List<Step>> scripts) {
        this.server = server;
        this.scripts = scripts;
        Thread.ofVirtual().name("hostile-proxy").start(this::serveAll);
    }

    /** A fake that plays {@code script} to the first client. */
    public static HostileProxy start(Step... script) throws IOException {
        return new HostileProxy(new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1")), List.of(List.of(script)));
    }

    /**
     * A fake that plays the i-th script to the i-th client, one client after another; what each
     * client sent is in {@link #conversations()}.
     */
    public static HostileProxy series(List<List<Step>> scripts) throws IOException {
        return new HostileProxy(new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1")), List.copyOf(scripts));
    }

    private void serveAll() {
        for (List<Step> script : scripts) {
            synchronized (received) {
                received.reset();
            }
            serve(script);
            conversations.add(received());
        }
        allDone.complete(null);
    }

    /** Waits until every script has been played and its client has closed, and returns {@link #conversations()}. */
    public List<String> awaitConversations() throws Exception {
        allDone.get(20, TimeUnit.SECONDS);
        return conversations();
    }

    /** What each finished conversation's client sent, in hexadecimal, in order. */
    public List<String> conversations() {
        return List.copyOf(conversations);
    }

    public NetAddress address() {
        return NetAddress.of("127.0.0.1", server.getLocalPort());
    }

    private void serve(List<Step> script) {
        try (Socket s = server.accept()) {
            InputStream in = s.getInputStream();
            for (Step step : script) {
                switch (step) {
                    case Read r -> {
                        byte[] got = in.readNBytes(r.count());
                        synchronized (received) {
                            received.writeBytes(got);
                        }
                        if (got.length < r.count()) {
                            finished(true);
                            return;
                        }
                    }
                    case Write w -> {
                        s.getOutputStream().write(w.bytes());
                        s.getOutputStream().flush();
                    }
                    case Close c -> {
                        s.close();
                        finished(false);
                        return;
                    }
                }
            }
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (received) {
                    received.write(buf, 0, n);
                }
            }
            finished(true);
        } catch (IOException e) {
            // a reset from the client is a close too
            finished(!server.isClosed());
        }
    }

    private void finished(boolean byClient) {
        if (scripts.size() == 1) {
            clientClosed.complete(byClient);
        }
    }

    /**
     * Waits for the conversation to end: true if the client closed the connection, false if the
     * script closed it first.
     */
    public boolean awaitClientClosed() throws Exception {
        return clientClosed.get(20, TimeUnit.SECONDS);
    }

    /** Every byte the client sent so far, in hexadecimal. */
    public String received() {
        synchronized (received) {
            return HexFormat.ofDelimiter(" ").formatHex(received.toByteArray());
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
