/**
 * A SOCKS4, SOCKS4a and SOCKS5 client (RFC 1928, with RFC 1929 user name and password), as aiorpcX's
 * {@code SOCKSProxy}.
 *
 * <ul>
 *   <li>{@link io.jrpcx.socks.SocksHandshake}: the sans-I/O client of one handshake, made by
 *       {@link io.jrpcx.socks.SocksProtocol#handshake}; bytes in, bytes out, usable with any I/O.</li>
 *   <li>{@link io.jrpcx.socks.SocksAuth}: none, user name and password, or random credentials per
 *       connection (Tor's stream isolation).</li>
 *   <li>{@link io.jrpcx.socks.SocksProxy}: a proxy's address, protocol, auth and name resolution; its
 *       Netty pipeline step ({@code negotiation}) and a blocking {@code connect}; proxy URLs with curl's
 *       schemes ({@code socks4://}, {@code socks4a://}, {@code socks5://}, {@code socks5h://}).</li>
 *   <li>{@link io.jrpcx.socks.SocksDetector}: auto-detection at an address or over a host's ports.</li>
 *   <li>{@link io.jrpcx.socks.SocksException}: every failure, of kind {@code PROTOCOL} (the peer does
 *       not speak SOCKS properly) or {@code FAILURE} (the proxy refused, the reply code in words).</li>
 * </ul>
 *
 * <p>Requests that cannot be expressed (a host name over 255 bytes, an empty or over-long user name
 * or password, a name for SOCKS4) are refused with an {@link IllegalArgumentException} before
 * anything is sent. The proxy resolves host names by default, as Tor users need.
 *
 * <pre>{@code
 * SocksProxy proxy = SocksProxy.parse("socks5h://127.0.0.1:9050");
 * try (SocksConnection c = proxy.connect("example.com", 50001, Duration.ofSeconds(30))) {
 *     c.socket().getOutputStream().write(bytes);
 * }
 * }</pre>
 */
@NullMarked
package io.jrpcx.socks;

import org.jspecify.annotations.NullMarked;
