package io.jrpcx.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a secret given to an option without putting it in the process list: {@code @FILE} is the first
 * line of that file, {@code env:NAME} the value of that environment variable, anything else the value
 * itself.
 *
 * <pre>{@code
 * String pair = Secrets.read("@/etc/jrpcx/rpcauth");    // "alice:s3cret"
 * String token = Secrets.read("env:JRPCX_TOKEN");
 * }</pre>
 */
final class Secrets {
    private Secrets() {
    }

    /**
     * The secret {@code value} names.
     *
     * @throws IllegalArgumentException when the file cannot be read or the variable is not set
     */
    static String read(String value) {
        if (value.startsWith("@")) {
            Path file = Path.of(value.substring(1));
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                int end = text.indexOf('\n');
                return (end < 0 ? text : text.substring(0, end)).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        if (value.startsWith("env:")) {
            String name = value.substring(4);
            String v = System.getenv(name);
            if (v == null) {
                throw new IllegalArgumentException("environment variable " + name + " is not set");
            }
            return v;
        }
        return value;
    }

    /** Splits {@code USER:PASS} at its first colon. */
    static String[] userAndPassword(String pair) {
        int colon = pair.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected USER:PASS");
        }
        return new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
    }
}
