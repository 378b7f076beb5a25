package io.jrpcx.internal.socks;

import io.jrpcx.socks.SocksException;
import io.jrpcx.socks.SocksHandshake;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/** Runs a handshake over a blocking socket, within a deadline. */
public final class BlockingHandshake {
    private BlockingHandshake() {
    }

    /**
     * Connects a new socket to {@code proxy} and runs {@code handshake} on it, all before
     * {@code deadlineNanos} ({@link System#nanoTime()}). Returns the socket, ready for the
     * destination's bytes (the handshake reads no byte past its end); closes it on every failure.
     *
     * @throws SocksException if the proxy broke the protocol or refused
     * @throws SocketTimeoutException if the deadline passed
     * @throws IOException if the connection failed
     */
    public static Socket run(InetSocketAddress proxy, SocksHandshake handshake, long deadlineNanos) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(proxy, remainingMillis(deadlineNanos, handshake));
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(handshake.start());
            out.flush();
            byte[] one = new byte[1];
            while (!handshake.isDone()) {
                // One byte at a time: nothing past the end of the handshake is taken from the socket.
                socket.setSoTimeout(remainingMillis(deadlineNanos, handshake));
                int n = in.read(one);
                if (n < 0) {
                    throw handshake.endOfInput();
                }
                byte[] reply = handshake.receive(ByteBuffer.wrap(one, 0, n));
                if (reply.length > 0) {
                    out.write(reply);
                    out.flush();
                }
            }
            socket.setSoTimeout(0);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static int remainingMillis(long deadlineNanos, SocksHandshake handshake) throws SocketTimeoutException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException(handshake.protocol() + " handshake did not finish in time");
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000));
    }
}
