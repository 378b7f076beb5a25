package io.jrpcx.socks;

import java.util.OptionalInt;

/**
 * A SOCKS handshake that did not succeed: either the proxy does not speak SOCKS properly
 * ({@link Kind#PROTOCOL}: a short reply, end of input, a bad version byte, a bad address type, an
 * authentication method that was not offered), or it spoke SOCKS and refused or failed
 * ({@link Kind#FAILURE}: the reply code, in words, is in the message and in {@link #replyCode()}).
 * Unchecked; the one exception type of this package.
 *
 * <pre>{@code
 * try (SocksConnection c = proxy.connect("127.0.0.1", 50001, Duration.ofSeconds(10))) {
 *     use(c.socket());
 * } catch (SocksException e) {
 *     if (e.kind() == SocksException.Kind.FAILURE) {
 *         System.err.println("the proxy refused: " + e.getMessage()); // "SOCKS5 proxy: connection refused (code 5)"
 *     }
 * }
 * }</pre>
 */
public final class SocksException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** The peer does not follow the SOCKS protocol. */
        PROTOCOL,
        /** The proxy refused or failed to make the connection, or refused the credentials. */
        FAILURE
    }

    /** What went wrong. */
    private final Kind kind;
    /** The proxy's reply code, or -1 if it sent none. */
    private final int replyCode;

    private SocksException(Kind kind, String message, int replyCode) {
        super(message);
        this.kind = kind;
        this.replyCode = replyCode;
    }

    /**
     * {@return a reply that breaks the SOCKS protocol}
     *
     * @param message what was wrong with the reply
     */
    public static SocksException protocol(String message) {
        return new SocksException(Kind.PROTOCOL, message, -1);
    }

    /**
     * {@return a refusal or failure reported by the proxy, with the reply code it sent (or -1 if none)}
     *
     * @param message what the proxy refused, and why
     * @param replyCode the proxy's reply code, or -1
     */
    public static SocksException failure(String message, int replyCode) {
        return new SocksException(Kind.FAILURE, message, replyCode);
    }

    /** {@return whether the proxy broke the protocol or refused} */
    public Kind kind() {
        return kind;
    }

    /** {@return the proxy's reply code of a {@link Kind#FAILURE}, when it sent one} */
    public OptionalInt replyCode() {
        return replyCode < 0 ? OptionalInt.empty() : OptionalInt.of(replyCode);
    }
}
