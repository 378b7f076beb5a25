/** Implementation of {@code io.jrpcx.jsonrpc}: protocol dialects, encoding, argument binding; not API. */
@NullMarked
package io.jrpcx.internal.jsonrpc;

import org.jspecify.annotations.NullMarked;
