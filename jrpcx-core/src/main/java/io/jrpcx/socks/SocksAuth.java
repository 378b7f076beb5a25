package io.jrpcx.socks;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * How a client authenticates to a SOCKS proxy: not at all, with a user name and password (RFC 1929;
 * SOCKS4 and SOCKS4a send the user name as their user id and ignore the password), or with fresh
 * random credentials on every connection, which Tor uses to put each connection on its own circuit
 * (stream isolation).
 *
 * <pre>{@code
 * SocksAuth none = SocksAuth.none();
 * SocksAuth user = SocksAuth.user("alice", "secret");
 * SocksAuth isolated = SocksAuth.random();
 * }</pre>
 */
public sealed interface SocksAuth permits SocksAuth.None, SocksAuth.User, SocksAuth.Random {

    /** {@return no authentication} */
    static SocksAuth none() {
        return None.INSTANCE;
    }

    /**
     * {@return a user name and password, each 1 to 255 bytes of UTF-8}
     *
     * @param username the user name
     * @param password the password
     * @throws IllegalArgumentException if either is empty or longer than 255 bytes
     */
    static User user(String username, String password) {
        return new User(username, password);
    }

    /**
     * New random credentials for every connection (64 hexadecimal digits each).
     *
     * @return credentials that are new for each handshake, for Tor's per-connection circuits
     */
    static SocksAuth random() {
        return Random.INSTANCE;
    }

    /**
     * {@return the credentials to send on one connection, or empty for none} A {@link Random} auth returns new
     * ones on every call.
     */
    Optional<User> credentials();

    /** No authentication. */
    final class None implements SocksAuth {
        static final None INSTANCE = new None();

        private None() {
        }

        @Override
        public Optional<User> credentials() {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "none";
        }
    }

    /**
     * A user name and password.
     *
     * @param username the user name, 1 to 255 bytes of UTF-8
     * @param password the password, 1 to 255 bytes of UTF-8
     */
    record User(String username, String password) implements SocksAuth {
        /**
         * Checks the lengths.
         *
         * @throws IllegalArgumentException if either is empty or longer than 255 bytes of UTF-8
         */
        public User {
            checkLength("user name", username);
            checkLength("password", password);
        }

        private static void checkLength(String what, String value) {
            int length = value.getBytes(StandardCharsets.UTF_8).length;
            if (length < 1 || length > 255) {
                throw new IllegalArgumentException("SOCKS " + what + " must be 1 to 255 bytes of UTF-8, not "
                        + length);
            }
        }

        @Override
        public Optional<User> credentials() {
            return Optional.of(this);
        }

        /** Hides the password. */
        @Override
        public String toString() {
            return "user " + username;
        }
    }

    /** Fresh random credentials for every connection. */
    final class Random implements SocksAuth {
        static final Random INSTANCE = new Random();
        private static final SecureRandom RANDOM = new SecureRandom();

        private Random() {
        }

        @Override
        public Optional<User> credentials() {
            return Optional.of(new User(token(), token()));
        }

        private static String token() {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        }

        @Override
        public String toString() {
            return "random";
        }
    }
}
