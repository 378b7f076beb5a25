package io.jrpcx.session;

import io.jrpcx.framing.BinaryFramer;
import io.jrpcx.framing.BitcoinFramer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jspecify.annotations.Nullable;

/**
 * A Bitcoin framer with aiorpcX's magic for a misbehaving peer: it frames a message whose command is
 * {@link #BREAK} with a zero checksum, and every other one correctly; it reads as the Bitcoin framer
 * does, trusting checksums.
 */
final class ChecksumBreakingFramer extends BinaryFramer {
    static final String BREAK = "badsum";

    ChecksumBreakingFramer() {
        super(BitcoinFramer.HEADER_SIZE, 4, BitcoinFramer.COMMAND_SIZE);
    }

    @Override
    protected int checkHeader(byte[] header) {
        return ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt(16);
    }

    @Override
    protected @Nullable String checkPayload(byte[] header, byte[] message) {
        return null;
    }

    @Override
    protected void writeHeader(byte[] header, byte[] message) {
        int payload = message.length - commandSize();
        boolean broken = parse(java.util.Arrays.copyOf(message, commandSize())).command().equals(BREAK);
        ByteBuffer h = ByteBuffer.wrap(header);
        h.putInt(0, BitcoinFramer.AIORPCX_MAGIC).putInt(20, broken ? 0 : checksum(message, commandSize(), payload));
        h.order(ByteOrder.LITTLE_ENDIAN).putInt(16, payload);
    }

    private static int checksum(byte[] bytes, int from, int length) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(bytes, from, length);
            return ByteBuffer.wrap(sha.digest(sha.digest())).getInt();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
