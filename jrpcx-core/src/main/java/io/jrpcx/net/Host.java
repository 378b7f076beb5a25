package io.jrpcx.net;

/**
 * The host of a network address: a {@link HostName} or an {@link IpAddress}. Made by
 * {@link Addresses#classifyHost(String)}, which never looks anything up.
 *
 * <pre>{@code
 * switch (Addresses.classifyHost(text)) {
 *     case IpAddress ip -> connectTo(ip.toInetAddress());
 *     case HostName name -> resolveThenConnect(name.name());
 * }
 * }</pre>
 */
public sealed interface Host permits HostName, IpAddress {

    /** The host as text, without brackets: the hostname, or the canonical form of the IP address. */
    @Override
    String toString();
}
