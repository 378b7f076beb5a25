/** The shared Jackson setup; not API. */
@NullMarked
package io.jrpcx.internal.json;

import org.jspecify.annotations.NullMarked;
