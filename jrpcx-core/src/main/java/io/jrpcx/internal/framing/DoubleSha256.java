package io.jrpcx.internal.framing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The Bitcoin checksum: the first four bytes of SHA-256 applied twice, as a big-endian {@code int} (the
 * order in which they are sent). One instance is not thread-safe; {@link #copy()} makes another.
 *
 * <pre>{@code
 * int checksum = new DoubleSha256().checksum(payload, 0, payload.length);
 * }</pre>
 */
public final class DoubleSha256 {
    private static final int DIGEST_SIZE = 32;
    private final MessageDigest digest;
    private final byte[] scratch = new byte[DIGEST_SIZE];

    public DoubleSha256() {
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private DoubleSha256(MessageDigest digest) {
        this.digest = digest;
    }

    /** A new instance, cheaper to make than with the constructor. */
    public DoubleSha256 copy() {
        try {
            return new DoubleSha256((MessageDigest) digest.clone());
        } catch (CloneNotSupportedException e) {
            return new DoubleSha256();
        }
    }

    /** The checksum of {@code bytes[offset, offset + length)}. */
    public int checksum(byte[] bytes, int offset, int length) {
        try {
            digest.update(bytes, offset, length);
            digest.digest(scratch, 0, DIGEST_SIZE);
            digest.update(scratch, 0, DIGEST_SIZE);
            digest.digest(scratch, 0, DIGEST_SIZE);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
        return (scratch[0] & 0xFF) << 24 | (scratch[1] & 0xFF) << 16 | (scratch[2] & 0xFF) << 8 | (scratch[3] & 0xFF);
    }
}
