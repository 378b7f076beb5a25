/** Implementation details of {@code io.jrpcx.framing}: the partial-message byte queue and checksums. */
@NullMarked
package io.jrpcx.internal.framing;

import org.jspecify.annotations.NullMarked;
