/**
 * Network addresses, services and their validation, decided from text alone: nothing here looks up a
 * name or touches the network.
 *
 * <ul>
 *   <li>{@link io.jrpcx.net.NetAddress}: a {@link io.jrpcx.net.Host} and a port, {@code host:port} or
 *       {@code [ipv6]:port}.</li>
 *   <li>{@link io.jrpcx.net.Service}: a protocol and an address, {@code tcp://host:port}, or a
 *       {@code unix://path}.</li>
 *   <li>{@link io.jrpcx.net.Host}: a {@link io.jrpcx.net.HostName} or an {@link io.jrpcx.net.IpAddress},
 *       as {@link io.jrpcx.net.Addresses#classifyHost(String)} decides.</li>
 *   <li>{@link io.jrpcx.net.Addresses}: {@code validatePort}, {@code validateProtocol},
 *       {@code isValidHostname}, {@code classifyHost}.</li>
 *   <li>{@link io.jrpcx.net.AddressDefaults}: the parts a string may leave out, per
 *       {@link io.jrpcx.net.ServicePart}.</li>
 * </ul>
 *
 * <p>All bad input raises one unchecked exception, {@link io.jrpcx.net.AddressException}, an
 * {@link IllegalArgumentException} that says which {@link io.jrpcx.net.ServicePart} was wrong.
 *
 * <p>Where the Python library jrpcx is modelled on accepts oddities, jrpcx is stricter: a trailing
 * newline never passes as part of a hostname or protocol; ports are ASCII digits only; an IPv6 zone is
 * printable ASCII without {@code % / [ ]} or spaces; hostnames compare equal ignoring case; an
 * unbracketed IPv6 address in {@code host:port} is reported as needing brackets; without
 * {@code ://} a service string takes its protocol from the defaults (if any); and {@code unix://} is
 * followed by a socket path, not a host and port.
 *
 * <pre>{@code
 * Service service = Service.parse("ssl://[2001:db8::1]:50002");
 * NetAddress address = service.address();          // [2001:db8::1]:50002
 * InetSocketAddress socket = address.toInetSocketAddress();
 * }</pre>
 */
@NullMarked
package io.jrpcx.net;

import org.jspecify.annotations.NullMarked;
