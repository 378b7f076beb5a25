package io.jrpcx.net;

import java.util.Locale;

/**
 * Validation of ports, protocols and hosts. No lookups: everything is decided from the text alone.
 *
 * <pre>{@code
 * int port = Addresses.validatePort("50001");          // 50001
 * String protocol = Addresses.validateProtocol("SSL"); // "ssl"
 * Host host = Addresses.classifyHost("::1");           // an IpAddress
 * boolean ok = Addresses.isValidHostname("example.com");
 * }</pre>
 */
public final class Addresses {
    private static final int MAX_HOSTNAME_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;

    private Addresses() {
    }

    /**
     * Returns {@code port} if it is a valid port number, 1 to 65535.
     *
     * @param port the port number
     * @return {@code port}
     * @throws AddressException otherwise
     */
    public static int validatePort(int port) {
        if (port < 1 || port > 65535) {
            throw new AddressException(ServicePart.PORT, "invalid port: " + port + " (must be 1 to 65535)");
        }
        return port;
    }

    /**
     * Returns the port that {@code text} spells: ASCII decimal digits only (leading zeros allowed; no sign,
     * space or other characters), with a value of 1 to 65535.
     *
     * @param text the port as text
     * @return the port number
     * @throws AddressException otherwise
     */
    public static int validatePort(String text) {
        int value = 0;
        int significant = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                value = -1;
                break;
            }
            if (value > 0 || c != '0') {
                significant++;
            }
            if (significant > 5) {
                value = -1;
                break;
            }
            value = value * 10 + (c - '0');
        }
        if (text.isEmpty() || value < 1 || value > 65535) {
            throw new AddressException(ServicePart.PORT, "invalid port: " + quote(text) + " (must be 1 to 65535)");
        }
        return value;
    }

    /**
     * Returns {@code protocol} in lower case if it is a valid protocol name: an ASCII letter followed by
     * one or more ASCII letters, digits, {@code +}, {@code -} or {@code .} (the URI scheme syntax, with at
     * least two characters).
     *
     * @param protocol the protocol name, in any case
     * @return the name in lower case
     * @throws AddressException otherwise
     */
    public static String validateProtocol(String protocol) {
        boolean valid = protocol.length() >= 2 && isAsciiLetter(protocol.charAt(0));
        for (int i = 1; valid && i < protocol.length(); i++) {
            char c = protocol.charAt(i);
            valid = isAsciiLetter(c) || isAsciiDigit(c) || c == '+' || c == '-' || c == '.';
        }
        if (!valid) {
            throw new AddressException(ServicePart.PROTOCOL, "invalid protocol: " + quote(protocol));
        }
        return protocol.toLowerCase(Locale.ROOT);
    }

    /**
     * Whether {@code hostname} is a valid DNS hostname: dot-separated labels of 1 to 63 ASCII letters,
     * digits, {@code -} and {@code _}, no label starting or ending with {@code -}, at most 253 characters
     * apart from one optional final dot, and a last label that is not all digits (so that no IPv4 address
     * or fragment of one passes as a hostname). IP addresses are not hostnames.
     *
     * @param hostname the text to check
     * @return whether it is a valid hostname
     */
    public static boolean isValidHostname(String hostname) {
        int end = hostname.endsWith(".") ? hostname.length() - 1 : hostname.length();
        if (end == 0 || end > MAX_HOSTNAME_LENGTH) {
            return false;
        }
        int labelStart = 0;
        boolean allDigits = true;
        for (int i = 0; i <= end; i++) {
            char c = i < end ? hostname.charAt(i) : '.';
            if (c == '.') {
                int length = i - labelStart;
                if (length == 0 || length > MAX_LABEL_LENGTH || hostname.charAt(labelStart) == '-'
                        || hostname.charAt(i - 1) == '-') {
                    return false;
                }
                if (i == end) {
                    return !allDigits;
                }
                labelStart = i + 1;
                allDigits = true;
            } else if (isAsciiDigit(c)) {
                continue;
            } else if (isAsciiLetter(c) || c == '-' || c == '_') {
                allDigits = false;
            } else {
                return false;
            }
        }
        throw new AssertionError("unreachable");
    }

    /**
     * Returns {@code host} as an {@link IpAddress} if it is an IPv4 or IPv6 literal (without brackets),
     * else as a {@link HostName} if it is a valid hostname. Never looks anything up.
     *
     * @param host a hostname or an IP literal without brackets
     * @return the host, classified
     * @throws AddressException if it is neither
     */
    public static Host classifyHost(String host) {
        IpAddress ip = IpAddress.parseOrNull(host);
        if (ip != null) {
            return ip;
        }
        if (isValidHostname(host)) {
            return new HostName(host);
        }
        throw new AddressException(ServicePart.HOST,
                quote(host) + " is neither an IP address nor a valid hostname");
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('\'');
        int shown = Math.min(text.length(), 200);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            if (c < ' ' || c == 0x7F) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (shown < text.length()) {
            out.append("...");
        }
        return out.append('\'').toString();
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
