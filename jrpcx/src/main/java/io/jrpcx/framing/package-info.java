/** Sans-I/O message framing: splitting byte streams into messages and back. */
@NullMarked
package io.jrpcx.framing;

import org.jspecify.annotations.NullMarked;
