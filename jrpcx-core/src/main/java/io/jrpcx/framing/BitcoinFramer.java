package io.jrpcx.framing;

import io.jrpcx.internal.framing.DoubleSha256;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Frames messages as the Bitcoin peer-to-peer protocol does, with the behaviour of aiorpcX 0.22.1's
 * {@code BitcoinFramer}. Each message has a 24-byte header: the 4-byte network magic, the command
 * padded with NULs to 12 bytes, the payload's length (unsigned, little-endian) and the first 4 bytes of
 * the double SHA-256 of the payload; then the payload.
 *
 * <pre>{@code
 * BitcoinFramer framer = new BitcoinFramer(BitcoinFramer.Options.builder().magic(BitcoinFramer.MAINNET).build());
 * byte[] wire = framer.frame("ping", nonce);
 * framer.feed(buffer, FrameSink.of(
 *         bytes -> handle(framer.parse(bytes)),      // a BinaryMessage: command and payload
 *         reason -> connection.countError(reason),      // a bad checksum: that message is dropped
 *         reason -> connection.close(reason)));         // bad magic or oversized: disconnect
 * }</pre>
 *
 * <h2>Messages as bytes</h2>
 * Through the {@link Framer} interface a message is the 12-byte command field followed by the payload
 * (see {@link BinaryFramer}); {@link #parse(byte[])} and {@link #frame(String, byte[])} give and take a
 * command and a payload.
 *
 * <h2>Receiving, as aiorpcX does</h2>
 * <ul>
 *   <li>A header whose magic is not this framer's is fatal ({@link FrameSink#onFatal(String)}): the peer
 *       is on another network or not speaking this protocol. aiorpcX's session closes the connection
 *       (and costs the error 1000 above its base cost of 100).</li>
 *   <li>A payload length over {@link Options#maxPayloadSize()} is fatal too, unless the command is
 *       {@code block} and the length is at most {@link Options#maxBlockSize()}. It is checked from the
 *       header before any payload is read, and the payload is never read. aiorpcX raises its oversized
 *       error here and its session closes the connection (cost 500 above base).</li>
 *   <li>A payload whose checksum does not match its header is dropped and reported to
 *       {@link FrameSink#onDropped(String)}; the next message is read from the byte after it, as in
 *       aiorpcX, whose session costs it 100 above base and keeps the connection.</li>
 * </ul>
 *
 * The reasons given to the sink begin with {@code bad network magic}, {@code oversized payload} or
 * {@code bad checksum}, so that a session can cost each kind as aiorpcX does.
 *
 * <h2>Sending</h2>
 * {@link #frame(String, byte[])} refuses a command longer than 12 bytes, as aiorpcX does.
 * {@code frame} may be called from any thread.
 */
public final class BitcoinFramer extends BinaryFramer {
    /** aiorpcX's default magic, e3 e1 f3 e8 (not a Bitcoin network). */
    public static final int AIORPCX_MAGIC = 0xE3E1F3E8;
    /** Bitcoin's main network: f9 be b4 d9. */
    public static final int MAINNET = 0xF9BEB4D9;
    /** Bitcoin's test network 3: 0b 11 09 07. */
    public static final int TESTNET3 = 0x0B110907;
    /** Bitcoin's test network 4: 1c 16 3f 28. */
    public static final int TESTNET4 = 0x1C163F28;
    /** Bitcoin's default signet: 0a 03 cf 40. */
    public static final int SIGNET = 0x0A03CF40;
    /** Bitcoin's regression-test network: fa bf b5 da. */
    public static final int REGTEST = 0xFABFB5DA;

    /** The size of a header in bytes. */
    public static final int HEADER_SIZE = 24;
    /** The size of the command field in bytes. */
    public static final int COMMAND_SIZE = 12;
    /** The default largest payload, 2,000,000 bytes, as aiorpcX. */
    public static final int DEFAULT_MAX_PAYLOAD_SIZE = 2_000_000;
    /** The default largest payload of a {@code block} message, 128,000,000 bytes, as aiorpcX. */
    public static final int DEFAULT_MAX_BLOCK_SIZE = 128_000_000;

    static final int LARGEST_LIMIT = Integer.MAX_VALUE - 64;
    private static final int MAGIC_AT = 0;
    private static final int COMMAND_AT = 4;
    private static final int LENGTH_AT = 16;
    private static final int CHECKSUM_AT = 20;
    private static final byte[] BLOCK = {'b', 'l', 'o', 'c', 'k', 0, 0, 0, 0, 0, 0, 0};

    private final Options options;
    private final DoubleSha256 receiveDigest = new DoubleSha256();
    private final DoubleSha256 sendDigest = receiveDigest.copy();

    /** A framer with aiorpcX's defaults: its magic, and its size limits. */
    public BitcoinFramer() {
        this(Options.DEFAULTS);
    }

    /**
     * A framer with these options.
     *
     * @param options the magic and size limits
     */
    public BitcoinFramer(Options options) {
        super(HEADER_SIZE, COMMAND_AT, COMMAND_SIZE);
        this.options = options;
    }

    /** {@return this framer's options} */
    public Options options() {
        return options;
    }

    @Override
    protected int checkHeader(byte[] header) {
        ByteBuffer h = ByteBuffer.wrap(header);
        int magic = h.getInt(MAGIC_AT);
        if (magic != options.magic) {
            throw new FramingException(String.format("bad network magic: got %08x, expected %08x",
                    magic, options.magic));
        }
        long length = h.order(ByteOrder.LITTLE_ENDIAN).getInt(LENGTH_AT) & 0xFFFF_FFFFL;
        if (length > options.maxPayloadSize && (!isBlock(header) || length > options.maxBlockSize)) {
            int limit = isBlock(header) ? Math.max(options.maxPayloadSize, options.maxBlockSize) : options.maxPayloadSize;
            throw new FramingException("oversized payload of " + length + " bytes for command '"
                    + parse(Arrays.copyOfRange(header, COMMAND_AT, COMMAND_AT + COMMAND_SIZE)).command()
                    + "' (limit " + limit + ")");
        }
        return (int) length;
    }

    private static boolean isBlock(byte[] header) {
        return Arrays.equals(header, COMMAND_AT, COMMAND_AT + COMMAND_SIZE, BLOCK, 0, COMMAND_SIZE);
    }

    @Override
    protected @Nullable String checkPayload(byte[] header, byte[] message) {
        int actual = receiveDigest.checksum(message, COMMAND_SIZE, message.length - COMMAND_SIZE);
        int claimed = ByteBuffer.wrap(header).getInt(CHECKSUM_AT);
        if (actual == claimed) {
            return null;
        }
        return String.format("bad checksum: payload hashes to %08x, header says %08x; message dropped",
                actual, claimed);
    }

    @Override
    protected void writeHeader(byte[] header, byte[] message) {
        int payload = message.length - COMMAND_SIZE;
        int checksum;
        synchronized (sendDigest) {
            checksum = sendDigest.checksum(message, COMMAND_SIZE, payload);
        }
        ByteBuffer h = ByteBuffer.wrap(header);
        h.putInt(MAGIC_AT, options.magic).putInt(CHECKSUM_AT, checksum);
        h.order(ByteOrder.LITTLE_ENDIAN).putInt(LENGTH_AT, payload);
    }

    @Override
    public String toString() {
        return "BitcoinFramer(" + options + ")";
    }

    /**
     * A Bitcoin framer's settings: its network magic and size limits. Immutable.
     *
     * <pre>{@code
     * BitcoinFramer.Options mainnet = BitcoinFramer.Options.builder().magic(BitcoinFramer.MAINNET).build();
     * BitcoinFramer.Options bigger = mainnet.toBuilder().maxPayloadSize(4_000_000).build();
     * }</pre>
     */
    public static final class Options {
        static final Options DEFAULTS = builder().build();

        private final int magic;
        private final int maxPayloadSize;
        private final int maxBlockSize;

        private Options(Builder b) {
            this.magic = b.magic;
            this.maxPayloadSize = b.maxPayloadSize;
            this.maxBlockSize = b.maxBlockSize;
        }

        /** {@return a builder with aiorpcX's defaults} */
        public static Builder builder() {
            return new Builder();
        }

        /** {@return a builder holding these options} */
        public Builder toBuilder() {
            return new Builder().magic(magic).maxPayloadSize(maxPayloadSize).maxBlockSize(maxBlockSize);
        }

        /**
         * {@return the network magic: its four bytes in the order they are sent, read as a big-endian int}
         */
        public int magic() {
            return magic;
        }

        /** {@return the largest payload accepted, in bytes} */
        public int maxPayloadSize() {
            return maxPayloadSize;
        }

        /** {@return the largest payload accepted for a {@code block} message, in bytes} */
        public int maxBlockSize() {
            return maxBlockSize;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Options other && magic == other.magic && maxPayloadSize == other.maxPayloadSize
                    && maxBlockSize == other.maxBlockSize;
        }

        @Override
        public int hashCode() {
            return (magic * 31 + maxPayloadSize) * 31 + maxBlockSize;
        }

        @Override
        public String toString() {
            return String.format("magic=%08x, maxPayloadSize=%d, maxBlockSize=%d", magic, maxPayloadSize, maxBlockSize);
        }

        /** Builds {@link Options}; starts from aiorpcX's defaults. */
        public static final class Builder {
            private int magic = AIORPCX_MAGIC;
            private int maxPayloadSize = DEFAULT_MAX_PAYLOAD_SIZE;
            private int maxBlockSize = DEFAULT_MAX_BLOCK_SIZE;

            private Builder() {
            }

            /**
             * The network magic, its four bytes in the order they are sent read as a big-endian int
             * ({@link #MAINNET} is {@code 0xF9BEB4D9}, sent as f9 be b4 d9).
             *
             * @param magic the magic as a big-endian int
             * @return this builder
             */
            public Builder magic(int magic) {
                this.magic = magic;
                return this;
            }

            /**
             * The network magic as the four bytes that are sent.
             *
             * @param magic the four bytes of the magic, in the order they are sent
             * @return this builder
             * @throws IllegalArgumentException if {@code magic} is not four bytes long
             */
            public Builder magic(byte[] magic) {
                if (magic.length != 4) {
                    throw new IllegalArgumentException("a network magic is 4 bytes, not " + magic.length);
                }
                return magic(ByteBuffer.wrap(magic).getInt());
            }

            /**
             * The largest payload accepted, in bytes.
             *
             * @param maxPayloadSize the limit in bytes; a larger payload is a fatal error
             * @return this builder
             * @throws IllegalArgumentException unless positive and below 2^31 - 64
             */
            public Builder maxPayloadSize(int maxPayloadSize) {
                this.maxPayloadSize = checkLimit("maxPayloadSize", maxPayloadSize);
                return this;
            }

            /**
             * The largest payload accepted for a {@code block} message, in bytes; a limit below
             * {@link #maxPayloadSize(int)} has no effect (blocks get at least that).
             *
             * @param maxBlockSize the limit in bytes for {@code block} messages
             * @return this builder
             * @throws IllegalArgumentException unless positive and below 2^31 - 64
             */
            public Builder maxBlockSize(int maxBlockSize) {
                this.maxBlockSize = checkLimit("maxBlockSize", maxBlockSize);
                return this;
            }

            /** {@return the options set on this builder} */
            public Options build() {
                return new Options(this);
            }

            private static int checkLimit(String name, int value) {
                if (value <= 0 || value > LARGEST_LIMIT) {
                    throw new IllegalArgumentException(name + " must be between 1 and " + LARGEST_LIMIT + ": " + value);
                }
                return value;
            }
        }
    }
}
