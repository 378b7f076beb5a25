/**
 * Sans-I/O message framing: splitting byte streams into messages and back.
 *
 * <ul>
 *   <li>{@link io.jrpcx.framing.Framer}: one connection's framing state; bytes in through
 *       {@code feed}, messages out to a {@link io.jrpcx.framing.FrameSink} (or a plain
 *       {@code Consumer<byte[]>}), and {@code frame} for sending.</li>
 *   <li>{@link io.jrpcx.framing.Framing}: makes a fresh framer for each connection; what transports and
 *       sessions are configured with.</li>
 *   <li>{@link io.jrpcx.framing.NewlineFramer}: newline-delimited messages with a size limit, CR LF
 *       tolerance, and re-synchronisation after an oversized message.</li>
 *   <li>{@link io.jrpcx.framing.BinaryFramer}: the base of framers whose headers hold a command, a
 *       length and a checksum, and {@link io.jrpcx.framing.BitcoinFramer}, the Bitcoin P2P protocol's,
 *       with aiorpcX's behaviour; {@link io.jrpcx.framing.BinaryMessage} is a (command, payload) pair.</li>
 *   <li>{@link io.jrpcx.framing.ContentLengthFramer}: the Language Server Protocol's
 *       {@code Content-Length} headers.</li>
 * </ul>
 *
 * <p>A framer never throws because of what the peer sent: it drops what it cannot accept and reports it
 * through {@link io.jrpcx.framing.FrameSink#onDropped(String)}, or, when the stream cannot be read on,
 * through {@link io.jrpcx.framing.FrameSink#onFatal(String)}, after which the connection should be
 * closed.
 *
 * <pre>{@code
 * Framer framer = Framing.newline().newFramer();
 * framer.feed(buffer, FrameSink.of(messages::add, reason -> errors++));
 * }</pre>
 */
@NullMarked
package io.jrpcx.framing;

import org.jspecify.annotations.NullMarked;
