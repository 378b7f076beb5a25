/** Network addresses, services and their validation. */
@NullMarked
package io.jrpcx.net;

import org.jspecify.annotations.NullMarked;
