package io.jrpcx.net;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A valid DNS hostname (see {@link Addresses#isValidHostname(String)}), kept as given. Hostnames compare
 * equal ignoring ASCII case, as DNS does.
 *
 * <pre>{@code
 * HostName host = new HostName("electrum.example.com");
 * }</pre>
 *
 * @param name the hostname, which may end with a dot
 */
public record HostName(String name) implements Host {

    /**
     * Checks the hostname.
     *
     * @throws AddressException if {@code name} is not a valid hostname
     */
    public HostName {
        if (!Addresses.isValidHostname(name)) {
            throw new AddressException(ServicePart.HOST, "invalid hostname: " + Addresses.quote(name));
        }
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof HostName that && name.equalsIgnoreCase(that.name);
    }

    @Override
    public int hashCode() {
        return name.toLowerCase(Locale.ROOT).hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
