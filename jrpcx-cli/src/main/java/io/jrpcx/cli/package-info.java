/**
 * The {@code jrpcx} command: {@code serve}, {@code call}, {@code demo} and {@code bench}, and the
 * interop service that {@code serve} offers.
 */
@NullMarked
package io.jrpcx.cli;

import org.jspecify.annotations.NullMarked;
