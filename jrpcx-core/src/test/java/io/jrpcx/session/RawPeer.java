package io.jrpcx.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A raw newline-framed peer on a plain socket, for tests that send bytes a well-behaved peer never
 * would. Reads time out after 20 s: a failure bound, never a synchronisation.
 */
final class RawPeer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int READ_TIMEOUT_MILLIS = 20_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int nextId = 1_000_000;

    RawPeer(Socket socket) {
        try {
            this.socket = socket;
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RawPeer connect(io.jrpcx.net.Service service) {
        try {
            return new RawPeer(new Socket(service.host().toString(), service.port()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Socket socket() {
        return socket;
    }

    /** This end's address: the peer's remote address. */
    SocketAddress localAddress() {
        return socket.getLocalSocketAddress();
    }

    void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void writeLine(String line) {
        write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The next line without its LF, or null at end of stream. */
    @Nullable String readLineOrEof() {
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
                }
                line.write(b);
            }
            return line.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next {@code n} bytes, or null when the stream ends before them. */
    byte @Nullable [] readOrEof(int n) {
        try {
            byte[] bytes = in.readNBytes(n);
            return bytes.length == n ? bytes : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String readLine() {
        String line = readLineOrEof();
        if (line == null) {
            throw new UncheckedIOException(new EOFException("connection closed by the other side"));
        }
        return line;
    }

    JsonNode readJson() {
        try {
            return JSON.readTree(readLine());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh numeric id for a request of this peer. */
    int newId() {
        return nextId++;
    }

    /** Half-closes: no more bytes from this end, reading goes on. */
    void shutdownOutput() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes at once with a reset. */
    void abort() {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // closed already
        }
        close();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
