/** Netty transports: client connect and server serve. */
@NullMarked
package io.jrpcx.transport;

import org.jspecify.annotations.NullMarked;
