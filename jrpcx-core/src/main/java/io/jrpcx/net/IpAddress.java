package io.jrpcx.net;

import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An IPv4 or IPv6 address, parsed from its literal text without any lookup. IPv4 is four decimal numbers
 * 0 to 255 without leading zeros. IPv6 is the RFC 4291 text form (eight groups of up to four hex digits,
 * one {@code ::}, an IPv4 tail) with an optional {@code %scope} zone; an IPv4-mapped address stays IPv6.
 * {@link #toString()} gives the canonical form: lower-case IPv6 with the longest run of two or more zero
 * groups (the first, on a tie) written {@code ::}, so {@code ::FFFF:1.2.3.4} becomes
 * {@code ::ffff:102:304}.
 *
 * <pre>{@code
 * IpAddress ip = IpAddress.parse("fe80::1%eth0");
 * ip.isIpv6();          // true
 * ip.scopeId();         // Optional[eth0]
 * }</pre>
 */
public final class IpAddress implements Host {
    private final byte[] bytes;
    private final @Nullable String scope;

    private IpAddress(byte[] bytes, @Nullable String scope) {
        this.bytes = bytes;
        this.scope = scope;
    }

    /**
     * Parses an IPv4 or IPv6 literal, without brackets.
     *
     * @param text the literal, such as {@code 127.0.0.1} or {@code ::1}
     * @return the address
     * @throws AddressException if {@code text} is not one
     */
    public static IpAddress parse(String text) {
        IpAddress ip = parseOrNull(text);
        if (ip == null) {
            throw new AddressException(ServicePart.HOST, "not an IP address: " + Addresses.quote(text));
        }
        return ip;
    }

    /**
     * Returns the address {@code text} is the literal of, or empty if it is not one.
     *
     * @param text the text to try
     * @return the address, or empty
     */
    public static Optional<IpAddress> tryParse(String text) {
        return Optional.ofNullable(parseOrNull(text));
    }

    /**
     * {@return the address of {@code address}, with the scope of an IPv6 one (interface name or number)}
     *
     * @param address a resolved Java address
     */
    public static IpAddress of(InetAddress address) {
        String scope = null;
        if (address instanceof Inet6Address v6) {
            NetworkInterface nif = v6.getScopedInterface();
            if (nif != null) {
                scope = nif.getName();
            } else if (v6.getScopeId() != 0) {
                scope = Integer.toString(v6.getScopeId());
            }
        }
        return new IpAddress(address.getAddress(), scope);
    }

    /** {@return whether this is an IPv4 address} */
    public boolean isIpv4() {
        return bytes.length == 4;
    }

    /** {@return whether this is an IPv6 address} */
    public boolean isIpv6() {
        return bytes.length == 16;
    }

    /** {@return the address in network byte order: 4 or 16 bytes} */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** {@return the zone of a scoped IPv6 address ({@code eth0} in {@code fe80::1%eth0})} */
    public Optional<String> scopeId() {
        return Optional.ofNullable(scope);
    }

    /**
     * {@return this address as an {@link InetAddress}, without a DNS lookup} An IPv6 address stays an
     * {@link Inet6Address}, even when IPv4-mapped. A named zone is looked up among the local network
     * interfaces.
     *
     * @throws AddressException if the zone names no local network interface
     */
    public InetAddress toInetAddress() {
        try {
            if (isIpv4()) {
                return Inet4Address.getByAddress(bytes);
            }
            if (scope == null) {
                return Inet6Address.getByAddress(null, bytes, -1);
            }
            if (isNumber(scope)) {
                return Inet6Address.getByAddress(null, bytes, Integer.parseInt(scope));
            }
            NetworkInterface nif = NetworkInterface.getByName(scope);
            if (nif == null) {
                throw new AddressException(ServicePart.HOST, "no network interface named "
                        + Addresses.quote(scope) + " for " + this);
            }
            return Inet6Address.getByAddress(null, bytes, nif);
        } catch (UnknownHostException e) {
            throw new AssertionError("address of a valid length rejected", e);
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof IpAddress that && Arrays.equals(bytes, that.bytes)
                && Objects.equals(scope, that.scope);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes) * 31 + Objects.hashCode(scope);
    }

    @Override
    public String toString() {
        if (isIpv4()) {
            return (bytes[0] & 0xFF) + "." + (bytes[1] & 0xFF) + "." + (bytes[2] & 0xFF) + "." + (bytes[3] & 0xFF);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xFF) << 8 | (bytes[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder(48);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            out.append(Integer.toHexString(groups[i]));
            if (i < 7) {
                out.append(':');
            }
        }
        if (scope != null) {
            out.append('%').append(scope);
        }
        return out.toString();
    }

    // ---- parsing ----

    static @Nullable IpAddress parseOrNull(String text) {
        if (text.indexOf(':') < 0) {
            byte[] v4 = new byte[4];
            return parseIpv4(text, 0, text.length(), v4, 0) ? new IpAddress(v4, null) : null;
        }
        int percent = text.indexOf('%');
        String scope = null;
        int end = text.length();
        if (percent >= 0) {
            scope = text.substring(percent + 1);
            if (!isValidScope(scope)) {
                return null;
            }
            end = percent;
        }
        byte[] v6 = parseIpv6(text, end);
        return v6 == null ? null : new IpAddress(v6, scope);
    }

    /** Parses {@code text[from, to)} as dotted-decimal IPv4 into {@code out[at, at + 4)}. */
    private static boolean parseIpv4(String text, int from, int to, byte[] out, int at) {
        int part = 0;
        int i = from;
        while (part < 4) {
            int start = i;
            int value = 0;
            while (i < to && i - start < 3 && isDigit(text.charAt(i))) {
                value = value * 10 + (text.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return false;
            }
            out[at + part++] = (byte) value;
            if (part < 4) {
                if (i >= to || text.charAt(i) != '.') {
                    return false;
                }
                i++;
            }
        }
        return i == to;
    }

    /** Parses {@code text[0, end)} as IPv6 text, or returns null. */
    private static byte @Nullable [] parseIpv6(String text, int end) {
        byte[] out = new byte[16];
        int gap = -1; // the byte index where "::" stands
        int at = 0; // next byte to fill
        int i = 0;
        if (end >= 2 && text.charAt(0) == ':' && text.charAt(1) == ':') {
            gap = 0;
            i = 2;
            if (i == end) {
                return out;
            }
        } else if (end > 0 && text.charAt(0) == ':') {
            return null;
        }
        while (true) {
            if (at == 16) {
                return null;
            }
            int start = i;
            int value = 0;
            while (i < end && i - start < 4 && hexValue(text.charAt(i)) >= 0) {
                value = value << 4 | hexValue(text.charAt(i));
                i++;
            }
            if (i < end && text.charAt(i) == '.') {
                // An IPv4 tail: it must end the address and fit in the last four bytes.
                if (at > 12 || !parseIpv4(text, start, end, out, at)) {
                    return null;
                }
                at += 4;
                break;
            }
            if (i == start) {
                return null;
            }
            out[at++] = (byte) (value >>> 8);
            out[at++] = (byte) value;
            if (i == end) {
                break;
            }
            if (text.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < end && text.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = at;
                i++;
                if (i == end) {
                    break;
                }
            } else if (i == end) {
                return null;
            }
        }
        if (gap < 0) {
            return at == 16 ? out : null;
        }
        if (at == 16) {
            return null; // "::" must stand for at least one group
        }
        int tail = at - gap;
        System.arraycopy(out, gap, out, 16 - tail, tail);
        Arrays.fill(out, gap, 16 - tail, (byte) 0);
        return out;
    }

    /** Zones are printable ASCII without the characters that would break {@code [host%zone]:port}. */
    private static boolean isValidScope(String scope) {
        if (scope.isEmpty()) {
            return false;
        }
        for (int i = 0; i < scope.length(); i++) {
            char c = scope.charAt(i);
            if (c <= ' ' || c >= 0x7F || c == '%' || c == '/' || c == '[' || c == ']') {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
