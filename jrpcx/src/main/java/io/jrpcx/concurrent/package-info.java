/** Structured concurrency on virtual threads: task groups and timeouts with curio semantics. */
@NullMarked
package io.jrpcx.concurrent;

import org.jspecify.annotations.NullMarked;
