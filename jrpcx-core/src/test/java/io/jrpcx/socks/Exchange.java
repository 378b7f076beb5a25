package io.jrpcx.socks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Drives a {@link SocksHandshake} with a proxy's whole reply stream cut into chunks, and records what
 * it sent (nothing is recorded for a failed handshake, whose connection is closed), how it ended and
 * what it left unread. {@link #everySplit} checks that every way of cutting
 * the stream gives the same result as reading it one byte at a time.
 */
record Exchange(String sent, String outcome, String leftover) {

    static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Feeds {@code stream} cut at {@code cuts}, then ends the input if the handshake is not done. */
    static Exchange run(SocksHandshake h, byte[] stream, int... cuts) {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        sent.writeBytes(h.start());
        int from = 0;
        String outcome;
        ByteBuffer leftover = ByteBuffer.allocate(0);
        try {
            for (int i = 0; i <= cuts.length; i++) {
                int to = i < cuts.length ? cuts[i] : stream.length;
                ByteBuffer chunk = ByteBuffer.wrap(Arrays.copyOfRange(stream, from, to));
                from = to;
                if (h.isDone()) {
                    leftover = concatBuffers(leftover, chunk);
                    continue;
                }
                byte[] reply = h.receive(chunk);
                sent.writeBytes(reply);
                if (h.isDone()) {
                    leftover = concatBuffers(leftover, chunk);
                } else {
                    assertThat(chunk.hasRemaining()).as("a handshake not done reads all it is given").isFalse();
                }
            }
            if (h.isDone()) {
                outcome = "done";
            } else {
                SocksException eof = h.endOfInput();
                assertThat(eof.kind()).isEqualTo(SocksException.Kind.PROTOCOL);
                outcome = "eof: " + eof.getMessage();
            }
        } catch (SocksException e) {
            // Messages made earlier in the call that failed are never sent: the connection is over.
            return new Exchange("", e.kind() + ": " + e.getMessage(), "");
        }
        byte[] rest = new byte[leftover.remaining()];
        leftover.get(rest);
        return new Exchange(hex(sent.toByteArray()), outcome, hex(rest));
    }

    private static ByteBuffer concatBuffers(ByteBuffer a, ByteBuffer b) {
        ByteBuffer out = ByteBuffer.allocate(a.remaining() + b.remaining());
        out.put(a.duplicate()).put(b).flip();
        return out;
    }

    /**
     * Runs a fresh handshake over {@code stream} read one byte at a time, then cut at every single
     * place and at every pair of places, asserts every run gives the same result, and returns it.
     */
    static Exchange everySplit(Supplier<SocksHandshake> handshakes, byte[] stream) {
        int[] ones = new int[Math.max(0, stream.length - 1)];
        for (int i = 0; i < ones.length; i++) {
            ones[i] = i + 1;
        }
        Exchange expected = run(handshakes.get(), stream, ones);
        assertThat(run(handshakes.get(), stream)).as("whole stream").isEqualTo(expected);
        for (int a = 0; a <= stream.length; a++) {
            assertThat(run(handshakes.get(), stream, a)).as("cut at %d", a).isEqualTo(expected);
            for (int b = a; b <= stream.length; b++) {
                assertThat(run(handshakes.get(), stream, a, b)).as("cut at %d and %d", a, b).isEqualTo(expected);
            }
        }
        return expected;
    }
}
