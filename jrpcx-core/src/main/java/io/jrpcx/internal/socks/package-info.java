/** The SOCKS handshakes and the pipeline step that runs one; not API (see {@code io.jrpcx.socks}). */
@NullMarked
package io.jrpcx.internal.socks;

import org.jspecify.annotations.NullMarked;
