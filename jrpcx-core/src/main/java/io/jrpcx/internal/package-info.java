/** Implementation details; not API. */
@NullMarked
package io.jrpcx.internal;

import org.jspecify.annotations.NullMarked;
