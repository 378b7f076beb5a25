package io.jrpcx.internal.socks;

import io.jrpcx.socks.SocksException;
import io.jrpcx.socks.SocksHandshake;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * The shared core of the SOCKS handshakes: it gathers each reply, possibly split at any byte, into
 * a buffer of the length the current state expects, then hands the whole reply to the state.
 */
abstract class ReplyReader implements SocksHandshake {
    /** The longest reply part: a SOCKS5 host name (255) and its port. */
    private final byte[] reply = new byte[257];
    private int have;
    private int want;
    private String what = "";
    private boolean started;
    private boolean done;
    private boolean failed;

    /** The first message; the subclass also sets what it expects first with {@link #expect}. */
    protected abstract byte[] first();

    /**
     * Handles a complete reply part of the expected length.
     *
     * @return the message to send next, or empty; the subclass calls {@link #expect} or {@link #finish}
     */
    protected abstract byte[] onReply(byte[] reply, int length);

    /** The next reply part is {@code length} bytes of {@code what}, for messages. */
    protected final void expect(int length, String what) {
        this.want = length;
        this.have = 0;
        this.what = what;
    }

    /** The proxy granted the connection. */
    protected final void finish() {
        done = true;
    }

    @Override
    public final byte[] start() {
        if (started) {
            throw new IllegalStateException(protocol() + " handshake already started");
        }
        started = true;
        return first();
    }

    @Override
    public final byte[] receive(ByteBuffer input) {
        if (!started || done || failed) {
            throw new IllegalStateException(protocol() + " handshake is "
                    + (!started ? "not started" : done ? "done" : "failed"));
        }
        ByteArrayOutputStream out = null;
        byte[] last = Bytes.EMPTY;
        try {
            while (!done && input.hasRemaining()) {
                int n = Math.min(want - have, input.remaining());
                input.get(reply, have, n);
                have += n;
                if (have == want) {
                    byte[] message = onReply(reply, want);
                    if (message.length > 0) {
                        if (last.length > 0) {
                            if (out == null) {
                                out = new ByteArrayOutputStream();
                            }
                            out.writeBytes(last);
                        }
                        last = message;
                    }
                }
            }
        } catch (SocksException e) {
            failed = true;
            throw e;
        }
        if (out == null) {
            return last;
        }
        out.writeBytes(last);
        return out.toByteArray();
    }

    @Override
    public final boolean isDone() {
        return done;
    }

    @Override
    public final SocksException endOfInput() {
        return SocksException.protocol(protocol() + " proxy closed the connection after " + have + " of " + want
                + " bytes of its " + what);
    }

    /** The first {@code length} bytes of a reply in hexadecimal, for messages. */
    protected static String hex(byte[] reply, int length) {
        return java.util.HexFormat.ofDelimiter(" ").formatHex(reply, 0, length);
    }
}
