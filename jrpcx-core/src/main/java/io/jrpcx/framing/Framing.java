package io.jrpcx.framing;

/**
 * Makes a new {@link Framer} for each connection (framers hold per-connection state). This is what
 * transports and sessions are configured with.
 *
 * <pre>{@code
 * Framing framing = Framing.newline(64 * 1024);
 * Framer framer = framing.newFramer();   // one per connection
 * Framing custom = () -> new NewlineFramer(1_000);
 * Framing bitcoin = Framing.bitcoin(BitcoinFramer.MAINNET);
 * Framing lsp = Framing.contentLength();
 * }</pre>
 */
@FunctionalInterface
public interface Framing {

    /**
     * Returns a new framer with fresh state.
     *
     * @return a framer for one connection
     */
    Framer newFramer();

    /**
     * Newline framing with the default maximum message size, {@value NewlineFramer#DEFAULT_MAX_SIZE}.
     *
     * @return newline framing
     */
    static Framing newline() {
        return newline(NewlineFramer.DEFAULT_MAX_SIZE);
    }

    /**
     * Newline framing with messages of at most {@code maxSize} bytes; 0 means no limit.
     *
     * @param maxSize the largest message in bytes, or 0 for no limit
     * @return newline framing
     * @throws IllegalArgumentException if {@code maxSize} is negative
     */
    static Framing newline(int maxSize) {
        NewlineFramer.checkMaxSize(maxSize);
        return () -> new NewlineFramer(maxSize);
    }

    /**
     * Bitcoin P2P framing with aiorpcX's defaults: its magic ({@code e3e1f3e8}) and size limits.
     *
     * @return Bitcoin P2P framing
     */
    static Framing bitcoin() {
        return BitcoinFramer::new;
    }

    /**
     * Bitcoin P2P framing for the network with this magic (such as {@link BitcoinFramer#MAINNET}) and
     * aiorpcX's size limits.
     *
     * @param magic the network magic, read as a big-endian int
     * @return Bitcoin P2P framing
     */
    static Framing bitcoin(int magic) {
        return bitcoin(BitcoinFramer.Options.builder().magic(magic).build());
    }

    /**
     * Bitcoin P2P framing with these options.
     *
     * @param options the magic and size limits
     * @return Bitcoin P2P framing
     */
    static Framing bitcoin(BitcoinFramer.Options options) {
        java.util.Objects.requireNonNull(options, "options");
        return () -> new BitcoinFramer(options);
    }

    /**
     * Content-Length framing (the Language Server Protocol's base protocol) with the default limits,
     * {@value ContentLengthFramer#DEFAULT_MAX_SIZE} bytes per body.
     *
     * @return Content-Length framing
     */
    static Framing contentLength() {
        return ContentLengthFramer::new;
    }

    /**
     * Content-Length framing with bodies of at most {@code maxSize} bytes; 0 means no limit.
     *
     * @param maxSize the largest body in bytes, or 0 for no limit
     * @return Content-Length framing
     * @throws IllegalArgumentException if {@code maxSize} is negative
     */
    static Framing contentLength(int maxSize) {
        ContentLengthFramer.checkMaxSize(maxSize);
        return () -> new ContentLengthFramer(maxSize);
    }

    /**
     * Content-Length framing with bodies of at most {@code maxSize} bytes (0 means no limit) and header
     * sections of at most {@code maxHeaderSize} bytes.
     *
     * @param maxSize the largest body in bytes, or 0 for no limit
     * @param maxHeaderSize the largest header section in bytes
     * @return Content-Length framing
     * @throws IllegalArgumentException as {@link ContentLengthFramer#ContentLengthFramer(int, int)}
     */
    static Framing contentLength(int maxSize, int maxHeaderSize) {
        ContentLengthFramer.checkMaxSize(maxSize);
        ContentLengthFramer.checkMaxHeaderSize(maxHeaderSize);
        return () -> new ContentLengthFramer(maxSize, maxHeaderSize);
    }
}
