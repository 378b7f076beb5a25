package io.jrpcx.framing;

/**
 * Makes a new {@link Framer} for each connection (framers hold per-connection state). This is what
 * transports and sessions are configured with.
 *
 * <pre>{@code
 * Framing framing = Framing.newline(64 * 1024);
 * Framer framer = framing.newFramer();   // one per connection
 * Framing custom = () -> new NewlineFramer(1_000);
 * }</pre>
 */
@FunctionalInterface
public interface Framing {

    /** Returns a new framer with fresh state. */
    Framer newFramer();

    /** Newline framing with the default maximum message size, {@value NewlineFramer#DEFAULT_MAX_SIZE}. */
    static Framing newline() {
        return newline(NewlineFramer.DEFAULT_MAX_SIZE);
    }

    /**
     * Newline framing with messages of at most {@code maxSize} bytes; 0 means no limit.
     *
     * @throws IllegalArgumentException if {@code maxSize} is negative
     */
    static Framing newline(int maxSize) {
        NewlineFramer.checkMaxSize(maxSize);
        return () -> new NewlineFramer(maxSize);
    }
}
