package io.jrpcx.framing;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A message of a binary command protocol such as Bitcoin's: a command and a payload. The command is a
 * string of one-byte characters (ISO-8859-1, so every byte value round-trips), without the NUL
 * padding of its wire field. Equality compares the payload's contents.
 *
 * <pre>{@code
 * BitcoinFramer framer = new BitcoinFramer();
 * byte[] wire = framer.frame(new BinaryMessage("ping", nonce));
 * framer.feed(buffer, bytes -> {
 *     BinaryMessage m = framer.parse(bytes);
 *     if (m.command().equals("pong")) {
 *         System.out.println("pong " + m.payload().length + " bytes");
 *     }
 * });
 * }</pre>
 *
 * @param command the command, without padding
 * @param payload the payload bytes, not copied
 */
public record BinaryMessage(String command, byte[] payload) {

    /** Checks that neither component is {@code null}. */
    public BinaryMessage {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BinaryMessage m && command.equals(m.command) && Arrays.equals(payload, m.payload);
    }

    @Override
    public int hashCode() {
        return command.hashCode() * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        int shown = Math.min(payload.length, 32);
        return "BinaryMessage[command=" + command + ", payload=" + payload.length + " bytes "
                + HexFormat.of().formatHex(payload, 0, shown) + (shown < payload.length ? "...]" : "]");
    }
}
