/** Implementation details of {@code io.jrpcx.concurrent}: thread creation and the timeout scheduler. */
@NullMarked
package io.jrpcx.internal.concurrent;

import org.jspecify.annotations.NullMarked;
