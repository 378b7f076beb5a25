package io.jrpcx.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * Which peers a server counts together, for per-address connection limits and shared cost pools: the
 * IPv4 addresses of one /24 and the IPv6 addresses of one /48 by default, so that one party with many
 * addresses of a block does not get many budgets. Loopback, private, link-local and unique-local
 * addresses each count alone by default: behind a reverse proxy on the same host every client would
 * otherwise come from one address. Turn {@link Builder#includeLocal} on where local peers are really
 * distinct parties (and use a /32 prefix to tell 127.0.0.x apart).
 *
 * <p>Honest users behind one NAT or Tor exit share one group: raise the per-address limit or lengthen the
 * prefix for them, or serve them through a proxy that the server trusts.
 *
 * <pre>{@code
 * AddressGrouping grouping = AddressGrouping.builder().ipv4Prefix(24).ipv6Prefix(48).build();
 * grouping.groupOf(InetAddress.getByName("203.0.113.7"));   // "203.0.113.0/24"
 * grouping.groupOf(InetAddress.getByName("127.0.0.1"));     // null: counts alone
 * }</pre>
 */
public final class AddressGrouping {
    private static final AddressGrouping DEFAULTS = builder().build();

    private final int ipv4Prefix;
    private final int ipv6Prefix;
    private final boolean includeLocal;

    private AddressGrouping(Builder b) {
        this.ipv4Prefix = b.ipv4Prefix;
        this.ipv6Prefix = b.ipv6Prefix;
        this.includeLocal = b.includeLocal;
    }

    /**
     * IPv4 /24, IPv6 /48, local addresses alone.
     *
     * @return the default grouping
     */
    public static AddressGrouping defaults() {
        return DEFAULTS;
    }

    /** {@return a builder with the defaults: IPv4 /24, IPv6 /48, local addresses alone} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this grouping's settings} */
    public Builder toBuilder() {
        return new Builder().ipv4Prefix(ipv4Prefix).ipv6Prefix(ipv6Prefix).includeLocal(includeLocal);
    }

    /** {@return the leading bits of an IPv4 address that name its group, 0 to 32} */
    public int ipv4Prefix() {
        return ipv4Prefix;
    }

    /** {@return the leading bits of an IPv6 address that name its group, 0 to 128} */
    public int ipv6Prefix() {
        return ipv6Prefix;
    }

    /** {@return whether local addresses are grouped too, instead of each counting alone} */
    public boolean includeLocal() {
        return includeLocal;
    }

    /**
     * {@return the group of a peer's socket address; null when it counts alone (not an IP address, or local)}
     *
     * @param address the peer's address, or {@code null} when unknown
     */
    public @Nullable String groupOf(@Nullable SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return groupOf(inet.getAddress());
        }
        return null;
    }

    /**
     * {@return the group of {@code address}, such as {@code 203.0.113.0/24}; null when it counts alone}
     *
     * @param address the peer's IP address
     */
    public @Nullable String groupOf(InetAddress address) {
        if (!includeLocal && isLocal(address)) {
            return null;
        }
        byte[] bytes = address.getAddress();
        int prefix = address instanceof Inet4Address ? ipv4Prefix : ipv6Prefix;
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress() + "/" + prefix;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);   // a 4- or 16-byte array is always an address
        }
    }

    /**
     * Loopback, unspecified, private (RFC 1918), link-local or IPv6 unique-local (fc00::/7).
     *
     * @param address the IP address
     * @return whether {@code address} is one of these
     */
    public static boolean isLocal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()) {
            return true;
        }
        return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
    }

    @Override
    public String toString() {
        return "AddressGrouping[ipv4Prefix=" + ipv4Prefix + ", ipv6Prefix=" + ipv6Prefix
                + ", includeLocal=" + includeLocal + "]";
    }

    /** Builds an {@link AddressGrouping}; every setting starts at its default. */
    public static final class Builder {
        private int ipv4Prefix = 24;
        private int ipv6Prefix = 48;
        private boolean includeLocal;

        private Builder() {
        }

        /**
         * Leading bits of an IPv4 address that name its group, 0 to 32 (default 24).
         *
         * @param bits the prefix length, 0 to 32
         * @return this builder
         */
        public Builder ipv4Prefix(int bits) {
            if (bits < 0 || bits > 32) {
                throw new IllegalArgumentException("ipv4Prefix must be 0 to 32: " + bits);
            }
            this.ipv4Prefix = bits;
            return this;
        }

        /**
         * Leading bits of an IPv6 address that name its group, 0 to 128 (default 48).
         *
         * @param bits the prefix length, 0 to 128
         * @return this builder
         */
        public Builder ipv6Prefix(int bits) {
            if (bits < 0 || bits > 128) {
                throw new IllegalArgumentException("ipv6Prefix must be 0 to 128: " + bits);
            }
            this.ipv6Prefix = bits;
            return this;
        }

        /**
         * Groups local addresses too (default: each counts alone).
         *
         * @param include {@code true} to group local addresses by prefix like others
         * @return this builder
         */
        public Builder includeLocal(boolean include) {
            this.includeLocal = include;
            return this;
        }

        /** {@return the grouping set on this builder} */
        public AddressGrouping build() {
            return new AddressGrouping(this);
        }
    }
}
