/**
 * Netty transports: client connect and server serve, chosen by URL scheme ({@link io.jrpcx.transport.Transports}).
 * Every connection is a pipeline of negotiation steps, then the message layer, and counts as open once
 * every step has finished:
 *
 * <pre>
 * tcp://host:port      [framer codec][message bridge]
 * tls://host:port      [TLS handshake][framer codec][message bridge]
 * unix:///path         [framer codec][message bridge]
 * ws://host:port/path  [HTTP codec][WebSocket upgrade][frame aggregator][frames to messages][message bridge]
 * wss://host:port/path [TLS handshake][HTTP codec][WebSocket upgrade][frame aggregator][frames to messages][message bridge]
 * </pre>
 *
 * <p>TLS settings are {@link io.jrpcx.transport.TlsOptions}, WebSocket settings
 * {@link io.jrpcx.transport.WebSocketOptions}, both part of {@link io.jrpcx.transport.TransportOptions}.
 */
@NullMarked
package io.jrpcx.transport;

import org.jspecify.annotations.NullMarked;
